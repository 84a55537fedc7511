/* Mutexes, condition variables, rwlocks and semaphores under contention from four threads:
 * on FreeBSD through _umtx_op's MUTEX_*, CV_*, RW_* and SEM2_* operations (with libthr-style
 * userland fast paths), on Linux through futexes; the results must agree. */
#include "rt.h"

#define THREADS 4
#define STACK (64 * 1024)
static char stacks[THREADS][STACK] __attribute__((aligned(16)));
static long done[THREADS];
static long tids[THREADS];

static struct rt_mutex mutex;
static long counter;
static int trylock_busy;

static struct rt_cond nonempty, nonfull;
static long queue[8];
static int head, tail, count_in_queue;
static long consumed_sum;

static struct rt_rwlock rw;
static long pair_a, pair_b;
static long torn_reads;

static struct rt_sem sem = { { 2, 0 } };
static int inside, max_inside;
static struct rt_mutex stats;

static void run_all(rt_thread_fn fn)
{
    for (long i = 0; i < THREADS; i++) {
        done[i] = 0;
        rt_thread_create(fn, (void *)i, stacks[i], STACK, &tids[i]);
    }
    for (int i = 0; i < THREADS; i++) rt_thread_join(&done[i]);
}

static void mutex_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 20000; i++) {
        rt_mutex_lock(&mutex);
        counter++;
        if (i == 100 && id == 0 && rt_mutex_trylock(&mutex) != 0) trylock_busy = 1;
        rt_mutex_unlock(&mutex);
    }
    rt_thread_exit(&done[id]);
}

/* threads 0 and 1 produce 1000 items each; 2 and 3 consume 1000 each */
static void queue_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++) {
        rt_mutex_lock(&mutex);
        if (id < 2) {
            while (count_in_queue == 8) rt_cond_wait(&nonfull, &mutex);
            queue[tail] = id * 1000 + i;
            tail = (tail + 1) % 8;
            count_in_queue++;
            rt_cond_signal(&nonempty);
        } else {
            while (count_in_queue == 0) rt_cond_wait(&nonempty, &mutex);
            consumed_sum += queue[head];
            head = (head + 1) % 8;
            count_in_queue--;
            rt_cond_broadcast(&nonfull);
        }
        rt_mutex_unlock(&mutex);
    }
    rt_thread_exit(&done[id]);
}

/* threads 0 writes, the others read; readers must never see a half update */
static void rw_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 5000; i++) {
        if (id == 0) {
            rt_rwlock_wrlock(&rw);
            pair_a++;
            for (volatile int k = 0; k < 20; k++) {}
            pair_b++;
            rt_rwlock_unlock(&rw);
        } else {
            rt_rwlock_rdlock(&rw);
            long a = pair_a;
            for (volatile int k = 0; k < 20; k++) {}
            long b = pair_b;
            if (a != b) __atomic_fetch_add(&torn_reads, 1, __ATOMIC_SEQ_CST);
            rt_rwlock_unlock(&rw);
        }
    }
    rt_thread_exit(&done[id]);
}

static void sem_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 2000; i++) {
        rt_sem_wait(&sem);
        rt_mutex_lock(&stats);
        inside++;
        if (inside > max_inside) max_inside = inside;
        rt_mutex_unlock(&stats);
        for (volatile int k = 0; k < 10; k++) {}
        rt_mutex_lock(&stats);
        inside--;
        rt_mutex_unlock(&stats);
        rt_sem_post(&sem);
    }
    rt_thread_exit(&done[id]);
}

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    run_all(mutex_worker);
    rt_printf("mutex: counter %ld, trylock on a held mutex busy: %s\n", counter, trylock_busy ? "yes" : "no");
    run_all(queue_worker);
    rt_printf("condition variables: consumed sum %ld, queue left %d\n", consumed_sum, count_in_queue);
    run_all(rw_worker);
    rt_printf("rwlock: %ld updates, torn reads %ld\n", pair_a, torn_reads);
    run_all(sem_worker);
    rt_printf("semaphore(2): at most %d inside, final count %u\n", max_inside, sem.w[0] & 0x7fffffffu);
    return 0;
}
