/* sockets: TCP over loopback with listener and connector in one process (non-blocking
 * connect, poll, accept), UDP, AF_UNIX socket pairs and named sockets, SCM_RIGHTS descriptor
 * passing, socket options read back, SIGPIPE and its suppression, and the usual errors. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-48s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static const uint8_t loopback4[4] = { 127, 0, 0, 1 };
static const uint8_t loopback6[16] = { [15] = 1 };

static struct rt_sockaddr inet(const uint8_t *addr, uint16_t port)
{
    struct rt_sockaddr sa = { .family = RT_AF_INET, .port = port };
    memcpy(sa.addr, addr, 4);
    return sa;
}

static const char *family(int f)
{
    return f == RT_AF_INET ? "inet" : f == RT_AF_INET6 ? "inet6" : f == RT_AF_UNIX ? "unix" : f == RT_AF_UNSPEC ? "unspec" : "other";
}

static int getint(int fd, int opt)
{
    int v = -12345;
    size_t len = sizeof v;
    int r = rt_getsockopt(fd, opt, &v, &len);
    return r < 0 ? r : v;
}

static int setint(int fd, int opt, int v) { return rt_setsockopt(fd, opt, &v, sizeof v); }

static int wait_for(int fd, int ev, int ms)
{
    struct rt_pollfd p = { fd, (short)ev, 0 };
    int r = rt_poll(&p, 1, ms);
    return r < 0 ? r : p.revents;
}

static void tcp(void)
{
    rt_printf("-- TCP over loopback --\n");
    int l = rt_socket(RT_AF_INET, RT_SOCK_STREAM | RT_SOCK_CLOEXEC, 0);
    CHECK("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC)", l);
    rt_printf("close-on-exec set: %s\n", YN(rt_fcntl(l, RT_F_GETFD, 0) == RT_FD_CLOEXEC));
    CHECK("setsockopt(SO_REUSEADDR, 1)", setint(l, RT_SO_REUSEADDR, 1));
    struct rt_sockaddr any = inet(loopback4, 0);
    CHECK("bind(127.0.0.1:0)", rt_bind(l, &any));
    CHECK("listen(8)", rt_listen(l, 8));
    struct rt_sockaddr la;
    CHECK("getsockname(listener)", rt_getsockname(l, &la));
    rt_printf("listener: %s, 127.0.0.1 %s, port chosen %s, length right %s\n", family(la.family),
              YN(memcmp(la.addr, loopback4, 4) == 0), YN(la.port != 0), YN(la.len_ok));
    rt_printf("SO_ACCEPTCONN %d, SO_TYPE %d, SO_DOMAIN %s, SO_PROTOCOL %d\n", getint(l, RT_SO_ACCEPTCONN),
              getint(l, RT_SO_TYPE), family(getint(l, RT_SO_DOMAIN)), getint(l, RT_SO_PROTOCOL));

    int c = rt_socket(RT_AF_INET, RT_SOCK_STREAM | RT_SOCK_NONBLOCK, 0);
    CHECK("socket(SOCK_NONBLOCK)", c);
    rt_printf("O_NONBLOCK set: %s\n", YN(rt_fcntl(c, RT_F_GETFL, 0) & RT_O_NONBLOCK));
    int r = rt_connect(c, &la);
    rt_printf("non-blocking connect: %s\n", r == 0 ? "connected at once" : rt_errname(r));
    rt_printf("poll(listener, POLLIN): %s\n", rt_poll_names(wait_for(l, RT_POLLIN, 5000)));
    rt_printf("poll(connector, POLLOUT): %s\n", rt_poll_names(wait_for(c, RT_POLLOUT, 5000)));
    rt_printf("SO_ERROR after the connection: %s\n", rt_errname(getint(c, RT_SO_ERROR)));
    r = rt_connect(c, &la);
    rt_printf("connect again: %s\n", rt_res(r));

    struct rt_sockaddr peer, local;
    int s = rt_accept(l, &peer);
    CHECK("accept", s);
    rt_getsockname(c, &local);
    rt_printf("accepted peer is the connector: %s (length right %s)\n",
              YN(peer.family == RT_AF_INET && peer.port == local.port && memcmp(peer.addr, loopback4, 4) == 0), YN(peer.len_ok));
    rt_printf("accepted socket blocking like its listener: %s\n", YN(!(rt_fcntl(s, RT_F_GETFL, 0) & RT_O_NONBLOCK)));
    struct rt_sockaddr pn;
    CHECK("getpeername(connector)", rt_getpeername(c, &pn));
    rt_printf("peer is the listener: %s, length right %s\n", YN(pn.port == la.port), YN(pn.len_ok));

    char buf[64];
    rt_printf("send 5 bytes: %ld\n", rt_send(c, "hello", 5, 0));
    rt_printf("poll(accepted, POLLIN): %s\n", rt_poll_names(wait_for(s, RT_POLLIN, 5000)));
    int avail = -1;
    rt_ioctl(s, RT_FIONREAD, &avail);
    rt_printf("FIONREAD: %d\n", avail);
    long n = rt_recv(s, buf, sizeof buf, RT_MSG_PEEK);
    rt_printf("recv(MSG_PEEK): %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    n = rt_recv(s, buf, sizeof buf, 0);
    rt_printf("recv: %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    rt_printf("recv(MSG_DONTWAIT) with nothing there: %s\n", rt_res(rt_recv(s, buf, sizeof buf, RT_MSG_DONTWAIT)));
    rt_send(c, "abcde", 5, 0);
    rt_send(c, "fghij", 5, 0);
    n = rt_recv(s, buf, 10, RT_MSG_WAITALL);
    rt_printf("recv(MSG_WAITALL, 10) over two sends: %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);

    struct rt_iovec iov[2] = { { "gather ", 7 }, { "write", 5 } };
    struct rt_msg m = { .iov = iov, .iovlen = 2 };
    rt_printf("sendmsg with two iovecs: %ld\n", rt_sendmsg(c, &m, 0));
    char a[4], b[16];
    struct rt_iovec riov[2] = { { a, 4 }, { b, 16 } };
    struct rt_msg rm = { .iov = riov, .iovlen = 2 };
    wait_for(s, RT_POLLIN, 5000);
    n = rt_recvmsg(s, &rm, 0);
    rt_printf("recvmsg into 4+16 bytes: %ld \"%.4s\" \"%.*s\" flags %d\n", n, a, (int)(n > 4 ? n - 4 : 0), b, rm.flags);

    CHECK("shutdown(connector, SHUT_WR)", rt_shutdown(c, RT_SHUT_WR));
    rt_printf("poll(accepted, POLLIN|POLLRDHUP): %s\n", rt_poll_names(wait_for(s, RT_POLLIN | RT_POLLRDHUP, 5000)));
    rt_printf("recv at end of stream: %ld\n", rt_recv(s, buf, sizeof buf, 0));
    rt_printf("send on the shut-down side: %s\n", rt_res(rt_send(c, "x", 1, RT_MSG_NOSIGNAL)));
    rt_printf("other direction still works: %ld\n", rt_send(s, "back", 4, 0));
    wait_for(c, RT_POLLIN, 5000);
    n = rt_recv(c, buf, sizeof buf, 0);
    rt_printf("connector reads: %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    CHECK("shutdown(2) again (SHUT_RDWR)", rt_shutdown(s, RT_SHUT_RDWR));
    CHECK("shutdown(how = 7)", rt_shutdown(s, 7));
    rt_close(s);
    rt_close(c);

    /* A non-blocking listener: FreeBSD's accept hands on O_NONBLOCK. */
    rt_fcntl(l, RT_F_SETFL, RT_O_NONBLOCK);
    rt_printf("accept with nobody waiting: %s\n", rt_res(rt_accept(l, 0)));
    c = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    CHECK("blocking connect", rt_connect(c, &la));
    wait_for(l, RT_POLLIN, 5000);
    s = rt_accept(l, 0);
    CHECK("accept (address not asked for)", s);
    rt_printf("accepted socket non-blocking like its listener: %s\n", YN(rt_fcntl(s, RT_F_GETFL, 0) & RT_O_NONBLOCK));
    rt_close(s);
    rt_close(c);
    c = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    rt_connect(c, &la);
    wait_for(l, RT_POLLIN, 5000);
    s = rt_accept4(l, &peer, RT_SOCK_CLOEXEC);
    CHECK("accept4(SOCK_CLOEXEC)", s);
    rt_printf("accept4: close-on-exec %s, non-blocking %s\n", YN(rt_fcntl(s, RT_F_GETFD, 0) == RT_FD_CLOEXEC),
              YN(rt_fcntl(s, RT_F_GETFL, 0) & RT_O_NONBLOCK));
    CHECK("accept4(bad flags)", rt_accept4(l, 0, 0x4000));
    rt_close(s);
    rt_close(c);

    /* Errors. */
    int busy = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    CHECK("bind to the listener's port", rt_bind(busy, &la));
    CHECK("bind with a short address (8 bytes)", rt_bind_inet_len(busy, &any, 8));
    CHECK("accept on a socket that does not listen", rt_accept(busy, 0));
    CHECK("getpeername when not connected", rt_getpeername(busy, &pn));
    CHECK("recv when not connected", rt_recv(busy, buf, 1, 0));
    int fam = 0;
    int room = rt_getsockname_room(l, 4, &fam);
    rt_printf("getsockname into 4 bytes: length %d, family %s\n", room, family(fam));
    rt_close(busy);
    rt_close(l);

    int gone = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    rt_bind(gone, &any);
    struct rt_sockaddr ga;
    rt_getsockname(gone, &ga);
    rt_close(gone);
    c = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    CHECK("connect to a closed port", rt_connect(c, &ga));
    rt_close(c);
    c = rt_socket(RT_AF_INET, RT_SOCK_STREAM | RT_SOCK_NONBLOCK, 0);
    r = rt_connect(c, &ga);
    rt_printf("non-blocking connect to a closed port: %s\n", r == 0 ? "ok" : rt_errname(r));
    int ev = wait_for(c, RT_POLLOUT, 5000);
    rt_printf("poll: writable %s, error or hang-up %s\n", YN(ev & RT_POLLOUT), YN(ev & (RT_POLLERR | RT_POLLHUP)));
    rt_printf("SO_ERROR: %s, then %s\n", rt_errname(getint(c, RT_SO_ERROR)), rt_errname(getint(c, RT_SO_ERROR)));
    rt_close(c);

    int p[2];
    rt_pipe2(p, 0);
    CHECK("getsockopt on a pipe", getint(p[0], RT_SO_TYPE));
    CHECK("connect on a pipe", rt_connect(p[0], &ga));
    CHECK("getsockopt on a closed descriptor", getint(999, RT_SO_TYPE));
    rt_close(p[0]);
    rt_close(p[1]);
    CHECK("socket(family 99)", rt_socket(99, RT_SOCK_STREAM, 0));
}

static void options(void)
{
    rt_printf("-- options --\n");
    int s = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    rt_printf("SO_REUSEADDR default %d", getint(s, RT_SO_REUSEADDR));
    setint(s, RT_SO_REUSEADDR, 1);
    rt_printf(", set %d", getint(s, RT_SO_REUSEADDR));
    setint(s, RT_SO_REUSEADDR, 0);
    rt_printf(", cleared %d\n", getint(s, RT_SO_REUSEADDR));
    setint(s, RT_SO_KEEPALIVE, 1);
    setint(s, RT_SO_BROADCAST, 1);
    setint(s, RT_SO_OOBINLINE, 1);
    setint(s, RT_SO_REUSEPORT, 1);
    rt_printf("SO_KEEPALIVE %d, SO_BROADCAST %d, SO_OOBINLINE %d, SO_REUSEPORT %d\n", getint(s, RT_SO_KEEPALIVE),
              getint(s, RT_SO_BROADCAST), getint(s, RT_SO_OOBINLINE), getint(s, RT_SO_REUSEPORT));
    struct rt_linger lg = { 1, 7 }, lg2 = { -1, -1 };
    size_t len = sizeof lg2;
    CHECK("setsockopt(SO_LINGER, on 7 s)", rt_setsockopt(s, RT_SO_LINGER, &lg, sizeof lg));
    rt_getsockopt(s, RT_SO_LINGER, &lg2, &len);
    rt_printf("SO_LINGER reads back on %d, %d s (%d bytes)\n", lg2.onoff, lg2.seconds, (int)len);
    CHECK("setsockopt(SO_RCVBUF, 65536)", setint(s, RT_SO_RCVBUF, 65536));
    CHECK("setsockopt(SO_SNDBUF, 32768)", setint(s, RT_SO_SNDBUF, 32768));
    rt_printf("SO_RCVBUF %d, SO_SNDBUF %d\n", getint(s, RT_SO_RCVBUF), getint(s, RT_SO_SNDBUF));
    struct rt_timeval tv = { 2, 500000 }, tv2 = { 0, 0 };
    CHECK("setsockopt(SO_RCVTIMEO, 2.5 s)", rt_setsockopt(s, RT_SO_RCVTIMEO, &tv, sizeof tv));
    len = sizeof tv2;
    rt_getsockopt(s, RT_SO_RCVTIMEO, &tv2, &len);
    rt_printf("SO_RCVTIMEO reads back %lld.%06lld (%d bytes)\n", (long long)tv2.sec, (long long)tv2.usec, (int)len);
    CHECK("setsockopt(SO_SNDTIMEO, 4 bytes)", rt_setsockopt(s, RT_SO_SNDTIMEO, &tv, 4));
    setint(s, RT_SO_RCVLOWAT, 10);
    rt_printf("SO_RCVLOWAT %d\n", getint(s, RT_SO_RCVLOWAT));
    rt_printf("TCP_NODELAY default %d", getint(s, RT_TCP_NODELAY));
    setint(s, RT_TCP_NODELAY, 1);
    rt_printf(", set %d\n", getint(s, RT_TCP_NODELAY));
    setint(s, RT_TCP_KEEPIDLE, 120);
    setint(s, RT_TCP_KEEPINTVL, 15);
    setint(s, RT_TCP_KEEPCNT, 4);
    rt_printf("TCP_KEEPIDLE %d, TCP_KEEPINTVL %d, TCP_KEEPCNT %d\n", getint(s, RT_TCP_KEEPIDLE),
              getint(s, RT_TCP_KEEPINTVL), getint(s, RT_TCP_KEEPCNT));
    setint(s, RT_IP_TOS, 0x10);
    setint(s, RT_IP_TTL, 33);
    rt_printf("IP_TOS 0x%x, IP_TTL %d\n", getint(s, RT_IP_TOS), getint(s, RT_IP_TTL));
    rt_printf("SO_ERROR %s\n", rt_errname(getint(s, RT_SO_ERROR)));
    CHECK("getsockopt(unknown option)", getint(s, RT_SO_BOGUS));
    CHECK("setsockopt(unknown option)", setint(s, RT_SO_BOGUS, 1));
    CHECK("setsockopt(SO_TYPE)", setint(s, RT_SO_TYPE, 1));
    int small = 0;
    len = 2;
    int r = rt_getsockopt(s, RT_SO_TYPE, &small, &len);
    rt_printf("getsockopt(SO_TYPE) into 2 bytes: %s, length %d\n", rt_res(r), (int)len);
    rt_close(s);

    int u = rt_socket(RT_AF_INET, RT_SOCK_DGRAM, 0);
    rt_printf("UDP: SO_TYPE %d, SO_PROTOCOL %d\n", getint(u, RT_SO_TYPE), getint(u, RT_SO_PROTOCOL));
    unsigned char ttl = 7, loop = 0;
    CHECK("IP_MULTICAST_TTL (one byte)", rt_setsockopt(u, RT_IP_MULTICAST_TTL, &ttl, 1));
    CHECK("IP_MULTICAST_LOOP (one byte)", rt_setsockopt(u, RT_IP_MULTICAST_LOOP, &loop, 1));
    ttl = 0;
    len = 1;
    rt_getsockopt(u, RT_IP_MULTICAST_TTL, &ttl, &len);
    rt_printf("IP_MULTICAST_TTL reads back %d\n", ttl);
    rt_close(u);

    int v6 = rt_socket(RT_AF_INET6, RT_SOCK_STREAM, 0);
    if (v6 >= 0) {
        rt_printf("IPv6: IPV6_V6ONLY by default %d\n", getint(v6, RT_IPV6_V6ONLY));
        setint(v6, RT_IPV6_V6ONLY, 0);
        rt_printf("IPV6_V6ONLY after clearing %d\n", getint(v6, RT_IPV6_V6ONLY));
        setint(v6, RT_IPV6_UNICAST_HOPS, 9);
        rt_printf("IPV6_UNICAST_HOPS %d, SO_DOMAIN %s\n", getint(v6, RT_IPV6_UNICAST_HOPS), family(getint(v6, RT_SO_DOMAIN)));
        rt_close(v6);
    } else {
        rt_printf("no IPv6 here: %s\n", rt_errname(v6));
    }
}

static void udp(void)
{
    rt_printf("-- UDP --\n");
    int a = rt_socket(RT_AF_INET, RT_SOCK_DGRAM, 0), b = rt_socket(RT_AF_INET, RT_SOCK_DGRAM, 0);
    struct rt_sockaddr any = inet(loopback4, 0), aa, ba, from;
    rt_bind(a, &any);
    rt_bind(b, &any);
    rt_getsockname(a, &aa);
    rt_getsockname(b, &ba);
    rt_printf("sendto: %ld\n", rt_sendto(a, "ping", 4, 0, &ba));
    char buf[64];
    wait_for(b, RT_POLLIN, 5000);
    long n = rt_recvfrom(b, buf, sizeof buf, 0, &from);
    rt_printf("recvfrom: %ld \"%.*s\", from the sender %s, length right %s\n", n, (int)(n > 0 ? n : 0), buf,
              YN(from.family == RT_AF_INET && from.port == aa.port), YN(from.len_ok));
    rt_sendto(a, "0123456789", 10, 0, &ba);
    wait_for(b, RT_POLLIN, 5000);
    n = rt_recvfrom(b, buf, 4, 0, 0);
    rt_printf("recvfrom a 10-byte datagram into 4 bytes: %ld\n", n);
    rt_sendto(a, "0123456789", 10, 0, &ba);
    wait_for(b, RT_POLLIN, 5000);
    struct rt_iovec iov = { buf, 4 };
    struct rt_sockaddr name;
    struct rt_msg m = { .name = &name, .iov = &iov, .iovlen = 1 };
    n = rt_recvmsg(b, &m, 0);
    rt_printf("recvmsg into 4 bytes: %ld, MSG_TRUNC %s, sender %s\n", n, YN(m.flags & RT_MSG_TRUNC),
              YN(name.port == aa.port && name.len_ok));
    CHECK("connect(a -> b)", rt_connect(a, &ba));
    rt_printf("send on the connected socket: %ld\n", rt_send(a, "pong", 4, 0));
    wait_for(b, RT_POLLIN, 5000);
    n = rt_recv(b, buf, sizeof buf, 0);
    rt_printf("recv: %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    struct rt_sockaddr pa;
    CHECK("getpeername(a)", rt_getpeername(a, &pa));
    rt_printf("peer is b: %s\n", YN(pa.port == ba.port));
    CHECK("connect again (already associated)", rt_connect(a, &ba));
    rt_printf("empty datagram: %ld", rt_sendto(a, "", 0, 0, &ba));
    wait_for(b, RT_POLLIN, 5000);
    rt_printf(", received %ld\n", rt_recv(b, buf, sizeof buf, 0));
    rt_close(a);
    rt_close(b);

    int v6 = rt_socket(RT_AF_INET6, RT_SOCK_DGRAM, 0);
    if (v6 >= 0) {
        struct rt_sockaddr s6 = { .family = RT_AF_INET6 };
        memcpy(s6.addr, loopback6, 16);
        int r = rt_bind(v6, &s6);
        rt_printf("IPv6 bind(::1): %s\n", rt_res(r));
        if (r == 0) {
            struct rt_sockaddr got;
            rt_getsockname(v6, &got);
            rt_printf("IPv6 name: %s, ::1 %s, length right %s\n", family(got.family), YN(memcmp(got.addr, loopback6, 16) == 0), YN(got.len_ok));
            rt_printf("sendto self: %ld", rt_sendto(v6, "six", 3, 0, &got));
            wait_for(v6, RT_POLLIN, 5000);
            struct rt_sockaddr f6;
            long k = rt_recvfrom(v6, buf, sizeof buf, 0, &f6);
            rt_printf(", recvfrom %ld from itself %s\n", k, YN(f6.port == got.port && f6.len_ok));
        }
        rt_close(v6);
    }
}

static volatile int pipes;
static void on_pipe(int sig, const struct rt_siginfo *si, void *uc) { pipes++; }

static void unix_sockets(const char *dir)
{
    rt_printf("-- AF_UNIX --\n");
    int sv[2];
    CHECK("socketpair(AF_UNIX, SOCK_STREAM)", rt_socketpair(RT_AF_UNIX, RT_SOCK_STREAM, 0, sv));
    struct rt_sockaddr na;
    CHECK("getsockname(unnamed)", rt_getsockname(sv[0], &na));
    rt_printf("unnamed: %s, empty path %s, length right %s\n", family(na.family), YN(na.path[0] == 0), YN(na.len_ok));
    rt_printf("write %ld", rt_write(sv[0], "pair", 4));
    char buf[64];
    long n = rt_read(sv[1], buf, sizeof buf);
    rt_printf(", read %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);

    /* SCM_RIGHTS: pass a pipe's read end across. */
    int p[2];
    rt_pipe2(p, 0);
    struct rt_iovec iov = { "F", 1 };
    struct rt_msg m = { .iov = &iov, .iovlen = 1, .fds = &p[0], .nfds = 1 };
    rt_printf("sendmsg with SCM_RIGHTS: %ld\n", rt_sendmsg(sv[0], &m, 0));
    int got[4] = { -1, -1, -1, -1 };
    char one;
    struct rt_iovec riov = { &one, 1 };
    struct rt_msg rm = { .iov = &riov, .iovlen = 1, .fds = got, .maxfds = 4 };
    n = rt_recvmsg(sv[1], &rm, RT_MSG_CMSG_CLOEXEC);
    rt_printf("recvmsg: %ld byte(s), %d descriptor(s), flags %d\n", n, rm.nfds, rm.flags);
    if (rm.nfds == 1) {
        rt_printf("new descriptor number: %s, close-on-exec (MSG_CMSG_CLOEXEC) %s\n", YN(got[0] != p[0]),
                  YN(rt_fcntl(got[0], RT_F_GETFD, 0) == RT_FD_CLOEXEC));
        rt_write(p[1], "through", 7);
        n = rt_read(got[0], buf, sizeof buf);
        rt_printf("read through the received descriptor: %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
        rt_close(got[0]);
    }
    int three[3] = { p[0], p[1], p[0] };
    m.fds = three;
    m.nfds = 3;
    rt_sendmsg(sv[0], &m, 0);
    rm.maxfds = 1;
    rm.nfds = 0;
    n = rt_recvmsg(sv[1], &rm, 0);
    rt_printf("three descriptors into room for one: %ld byte(s), MSG_CTRUNC %s\n", n, YN(rm.flags & RT_MSG_CTRUNC));
    for (int i = 0; i < rm.nfds; i++)
        rt_close(got[i]);
    m.nfds = 1;
    m.fds = &p[1];
    rt_sendmsg(sv[0], &m, 0);
    rm.maxfds = 0;
    n = rt_recvmsg(sv[1], &rm, 0);
    rt_printf("descriptor sent, no control buffer: %ld byte(s), %d descriptor(s), MSG_CTRUNC %s\n", n, rm.nfds,
              YN(rm.flags & RT_MSG_CTRUNC));
    int bad = 999;
    m.fds = &bad;
    CHECK("sendmsg passing a closed descriptor", rt_sendmsg(sv[0], &m, 0));
    rt_close(p[0]);
    rt_close(p[1]);

    /* SIGPIPE: on by default, off with MSG_NOSIGNAL or SO_NOSIGPIPE. */
    rt_sigaction(RT_SIGPIPE, on_pipe, 0, 0, 0);
    rt_close(sv[1]);
    n = rt_send(sv[0], "x", 1, 0);
    rt_printf("send to a closed peer: %s, SIGPIPE %d\n", rt_res(n), pipes);
    n = rt_send(sv[0], "x", 1, RT_MSG_NOSIGNAL);
    rt_printf("with MSG_NOSIGNAL: %s, SIGPIPE %d\n", rt_res(n), pipes);
    CHECK("setsockopt(SO_NOSIGPIPE, 1)", setint(sv[0], RT_SO_NOSIGPIPE, 1));
    rt_printf("SO_NOSIGPIPE reads back %d\n", getint(sv[0], RT_SO_NOSIGPIPE));
    n = rt_send(sv[0], "x", 1, 0);
    rt_printf("with SO_NOSIGPIPE: %s, SIGPIPE %d\n", rt_res(n), pipes);
    rt_close(sv[0]);
    int fresh[2];
    rt_socketpair(RT_AF_UNIX, RT_SOCK_STREAM, 0, fresh);
    rt_printf("a new socket starts without SO_NOSIGPIPE: %s\n", YN(getint(fresh[0], RT_SO_NOSIGPIPE) == 0));
    rt_close(fresh[1]);
    n = rt_send(fresh[0], "x", 1, 0);
    rt_printf("send to a closed peer again: %s, SIGPIPE %d\n", rt_res(n), pipes);
    rt_close(fresh[0]);
    rt_sigaction(RT_SIGPIPE, RT_SIG_DFL, 0, 0, 0);

    /* Datagram and sequenced-packet pairs keep message boundaries. */
    CHECK("socketpair(AF_UNIX, SOCK_DGRAM)", rt_socketpair(RT_AF_UNIX, RT_SOCK_DGRAM, 0, sv));
    rt_send(sv[0], "one", 3, 0);
    rt_send(sv[0], "two!", 4, 0);
    rt_printf("datagrams: %ld", rt_recv(sv[1], buf, sizeof buf, 0));
    rt_printf(" then %ld\n", rt_recv(sv[1], buf, sizeof buf, 0));
    rt_close(sv[0]);
    rt_close(sv[1]);
    CHECK("socketpair(AF_UNIX, SOCK_SEQPACKET)", rt_socketpair(RT_AF_UNIX, RT_SOCK_SEQPACKET, 0, sv));
    rt_printf("SO_TYPE %d\n", getint(sv[0], RT_SO_TYPE));
    rt_send(sv[0], "abc", 3, 0);
    struct rt_iovec small = { buf, 2 };
    struct rt_msg sm = { .iov = &small, .iovlen = 1 };
    rt_printf("3-byte record into 2 bytes: %ld, MSG_TRUNC %s\n", rt_recvmsg(sv[1], &sm, 0), YN(sm.flags & RT_MSG_TRUNC));
    rt_close(sv[0]);
    rt_close(sv[1]);
    CHECK("socketpair(AF_INET)", rt_socketpair(RT_AF_INET, RT_SOCK_STREAM, 0, sv));

    /* A named stream socket. */
    struct rt_sockaddr path = { .family = RT_AF_UNIX };
    rt_snprintf(path.path, sizeof path.path, "%s/sock", dir);
    int l = rt_socket(RT_AF_UNIX, RT_SOCK_STREAM, 0);
    CHECK("bind(path)", rt_bind(l, &path));
    CHECK("bind(same path) from another socket", rt_bind(rt_socket(RT_AF_UNIX, RT_SOCK_STREAM, 0), &path));
    CHECK("listen", rt_listen(l, 4));
    struct rt_sockaddr ln;
    rt_getsockname(l, &ln);
    rt_printf("listener name is the path: %s, length right %s\n", YN(strcmp(ln.path, path.path) == 0), YN(ln.len_ok));
    struct rt_stat st;
    rt_printf("the path is a socket: %s\n", YN(rt_stat(path.path, &st) == 0 && (st.mode & RT_S_IFMT) == 0140000));
    int c = rt_socket(RT_AF_UNIX, RT_SOCK_STREAM, 0);
    CHECK("connect(path)", rt_connect(c, &path));
    struct rt_sockaddr an;
    int s = rt_accept(l, &an);
    CHECK("accept", s);
    rt_printf("the connector is unnamed: %s (%s), length right %s\n", YN(an.path[0] == 0), family(an.family), YN(an.len_ok));
    struct rt_sockaddr pn;
    rt_getpeername(c, &pn);
    rt_printf("the connector's peer is the path: %s\n", YN(strcmp(pn.path, path.path) == 0));
    rt_printf("send %ld", rt_send(c, "named", 5, 0));
    n = rt_recv(s, buf, sizeof buf, 0);
    rt_printf(", recv %ld \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    rt_close(s);
    rt_close(c);
    rt_close(l);
    rt_unlink(path.path);
    c = rt_socket(RT_AF_UNIX, RT_SOCK_STREAM, 0);
    CHECK("connect to a path that is gone", rt_connect(c, &path));
    rt_close(c);
}

int main(int argc, char **argv)
{
    tcp();
    options();
    udp();
    unix_sockets(rt_scratch_dir(argc, argv));
    return 0;
}
