import Glibc

/// The syscall dispatch: FreeBSD syscall number (from the generated table) to handler.
extension GuestProcess {
    func dispatch(_ a: SyscallArgs, _ t: GuestThread) throws(FreeBSDErrno) -> UInt64 {
        // Numbers outside the table, obsolete and reserved ones: FreeBSD's nosys (SIGSYS, then ENOSYS).
        guard let call = FreeBSDSyscall(rawValue: a.number) else { return try unimplemented(a, t) }
        switch call {
        case .exit: sysExit(t, a)
        case .read: return try sysRead(t, a)
        case .write: return try sysWrite(t, a)
        case .readv: return try sysReadv(t, a, write: false)
        case .writev: return try sysReadv(t, a, write: true)
        case .preadv: return try sysReadv(t, a, write: false, offset: Int(bitPattern: UInt(a[3])))
        case .pwritev: return try sysReadv(t, a, write: true, offset: Int(bitPattern: UInt(a[3])))
        case .pread: return try sysPread(t, a, write: false)
        case .pwrite: return try sysPread(t, a, write: true)
        case .open: return try sysOpenat(t, dirfd: UInt64(bitPattern: -100), path: a[0], flags: a[1], mode: a[2])
        case .openat: return try sysOpenat(t, dirfd: a[0], path: a[1], flags: a[2], mode: a[3])
        case .close: return try sysClose(t, a)
        case .lseek: return try sysLseek(t, a)
        case .fstat: return try sysFstat(t, a)
        case .fstatat: return try sysFstatat(t, a)
        case .getdirentries: return try sysGetdirentries(t, a)
        case .access: return try sysFaccessat(t, dirfd: UInt64(bitPattern: -100), path: a[0], mode: a[1], flags: 0)
        case .eaccess: return try sysFaccessat(t, dirfd: UInt64(bitPattern: -100), path: a[0], mode: a[1], flags: 0x100)
        case .faccessat: return try sysFaccessat(t, dirfd: a[0], path: a[1], mode: a[2], flags: a[3])
        case .readlink: return try sysReadlinkat(t, dirfd: UInt64(bitPattern: -100), path: a[0], buf: a[1], size: a[2])
        case .readlinkat: return try sysReadlinkat(t, dirfd: a[0], path: a[1], buf: a[2], size: a[3])
        case .__getcwd: return try sysGetcwd(t, a)
        case .chdir: return try sysPathCall(t, a[0]) { chdir($0) }
        case .fchdir: let f = try t.fd(a[0]); return try hostCall { fchdir(f) }
        case .mkdir: return try sysPathCall(t, a[0]) { mkdir($0, mode_t(a[1] & 0o7777)) }
        case .mkdirat:
            let d = try t.dirfd(a[0])
            return try sysPathCall(t, a[1]) { mkdirat(d, $0, mode_t(a[2] & 0o7777)) }
        case .rmdir: return try sysPathCall(t, a[0]) { rmdir($0) }
        case .unlink: return try sysPathCall(t, a[0]) { unlink($0) }
        case .unlinkat: return try sysUnlinkat(t, a)
        case .rename: return try sysRenameat(t, UInt64(bitPattern: -100), a[0], UInt64(bitPattern: -100), a[1])
        case .renameat: return try sysRenameat(t, a[0], a[1], a[2], a[3])
        case .dup:
            let f = try t.fd(a[0])
            let r = try hostCall { dup(f) }
            descriptorDuplicated(f, to: Int32(r))
            return r
        case .link: return try sysLinkat(t, UInt64(bitPattern: -100), a[0], UInt64(bitPattern: -100), a[1], flags: 0x400)
        case .linkat: return try sysLinkat(t, a[0], a[1], a[2], a[3], flags: a[4])
        case .symlink: return try sysSymlinkat(t, a[0], UInt64(bitPattern: -100), a[1])
        case .symlinkat: return try sysSymlinkat(t, a[0], a[1], a[2])
        case .chmod: return try sysFchmodat(t, UInt64(bitPattern: -100), a[0], a[1], flags: 0)
        case .lchmod: return try sysFchmodat(t, UInt64(bitPattern: -100), a[0], a[1], flags: 0x200)
        case .fchmodat: return try sysFchmodat(t, a[0], a[1], a[2], flags: a[3])
        case .fchmod: let f = try t.fd(a[0]); return try hostCall { fchmod(f, mode_t(a[1] & 0o7777)) }
        case .chown: return try sysFchownat(t, UInt64(bitPattern: -100), a[0], a[1], a[2], flags: 0)
        case .lchown: return try sysFchownat(t, UInt64(bitPattern: -100), a[0], a[1], a[2], flags: 0x200)
        case .fchownat: return try sysFchownat(t, a[0], a[1], a[2], a[3], flags: a[4])
        case .fchown:
            let f = try t.fd(a[0])
            return try hostCall { fchown(f, uid_t(truncatingIfNeeded: a[1]), gid_t(truncatingIfNeeded: a[2])) }
        case .truncate: return try sysTruncate(t, path: a[0], fd: nil, length: a[1])
        case .ftruncate: return try sysTruncate(t, path: nil, fd: a[0], length: a[1])
        case .utimensat: return try sysUtimensat(t, a)
        case .futimens: return try sysFutimens(t, a)
        case .utimes: return try sysUtimes(t, dir: AT_FDCWD, path: a[0], fd: nil, times: a[1], follow: true)
        case .lutimes: return try sysUtimes(t, dir: AT_FDCWD, path: a[0], fd: nil, times: a[1], follow: false)
        case .futimes: return try sysUtimes(t, dir: AT_FDCWD, path: nil, fd: a[0], times: a[1], follow: true)
        case .futimesat: return try sysUtimes(t, dir: try t.dirfd(a[0]), path: a[1], fd: nil, times: a[2], follow: true)
        case .mkfifo: return try sysPathCall(t, a[0]) { mkfifo($0, mode_t(a[1] & 0o7777)) }
        case .mkfifoat:
            let d = try t.dirfd(a[0])
            return try sysPathCall(t, a[1]) { mkfifoat(d, $0, mode_t(a[2] & 0o7777)) }
        case .flock: return try sysFlock(t, a)
        case .posix_fadvise: return try sysPosixFadvise(t, a)
        case .pipe2: return try sysPipe2(t, a)
        case .close_range: return try sysCloseRange(t, low: a[0], high: a[1], flags: a[2])
        case .freebsd12_closefrom: return try sysCloseRange(t, low: a[0], high: UInt64(UInt32.max), flags: 0)
        case .pathconf: return try sysPathconf(t, path: a[0], fd: nil, name: a[1], follow: true)
        case .lpathconf: return try sysPathconf(t, path: a[0], fd: nil, name: a[1], follow: false)
        case .fpathconf: return try sysPathconf(t, path: nil, fd: a[0], name: a[1], follow: true)
        case .sync: sync(); return 0
        case .copy_file_range: return try sysCopyFileRange(t, a)
        case .statfs: return try sysStatfs(t, path: a[0], fd: nil, buf: a[1])
        case .fstatfs: return try sysStatfs(t, path: nil, fd: a[0], buf: a[1])
        case .getfsstat: return try sysGetfsstat(t, a)
        case .dup2: return try sysDup2(t, a[0], a[1], cloexec: false)
        case .fcntl: return try sysFcntl(t, a)
        case .ioctl: return try sysIoctl(t, a)
        case .fsync: let f = try t.fd(a[0]); return try hostCall { fsync(f) }
        case .fdatasync: let f = try t.fd(a[0]); return try hostCall { fdatasync(f) }
        case .getpid: return UInt64(getpid())
        case .getppid: return UInt64(getppid())
        case .getuid: return UInt64(getuid())
        case .geteuid: return UInt64(geteuid())
        case .getgid: return UInt64(getgid())
        case .getegid: return UInt64(getegid())
        case .getgroups: return try sysGetgroups(t, a)
        case .issetugid: return 0
        case .umask:
            let old = umask(mode_t(a[0] & 0o777))
            umaskValue = UInt32(a[0] & 0o777)
            return UInt64(old)
        case .getrlimit: return try sysGetrlimit(t, a)
        case .setrlimit: return try sysSetrlimit(t, a)
        case .getrusage: return try sysGetrusage(t, a)
        case .clock_gettime: return try sysClockGettime(t, a)
        case .clock_getres: return try sysClockGetres(t, a)
        case .gettimeofday: return try sysGettimeofday(t, a)
        case .nanosleep: return try sysNanosleep(t, clock: 4, flags: 0, request: a[0], remain: a[1])
        case .clock_nanosleep:
            // clock_nanosleep reports failure as its return value, not through errno.
            do { return try sysNanosleep(t, clock: Int32(truncatingIfNeeded: a[0]), flags: a[1], request: a[2], remain: a[3]) }
            catch { return UInt64(error.rawValue) }
        case .getrandom: return try sysGetrandom(t, a)
        case .__sysctl: return try sysSysctl(t, a)
        case .__sysctlbyname: return try sysSysctlbyname(t, a)
        case .sysarch: return try sysSysarch(t, a)
        case .sigaction: return try sysSigaction(t, a)
        case .sigprocmask: return try sysSigprocmask(t, a)
        case .sigpending: return try sysSigpending(t, a)
        case .sigaltstack: return try sysSigaltstack(t, a)
        case .sigreturn: return try sysSigreturn(t, a)
        case .getcontext: return try sysGetcontext(t, a)
        case .sigsuspend: return try sysSigsuspend(t, a)
        case .sigwait: return try sysSigwait(t, a)
        case .sigwaitinfo: return try sysSigtimedwait(t, a, timed: false)
        case .sigtimedwait: return try sysSigtimedwait(t, a, timed: true)
        case .sigqueue: return try sysSigqueue(t, a)
        case .setcontext: return try sysSetcontext(t, a[0])
        case .swapcontext: return try sysSwapcontext(t, a)
        case .kill: return try sysKill(t, a)
        case .fork: return try sysFork(t, a)
        case .vfork: return try sysVfork(t, a)
        case .rfork: return try sysRfork(t, a)
        case .execve: return try sysExecve(t, a)
        case .fexecve: return try sysFexecve(t, a)
        case .wait4: return try sysWait4(t, a)
        case .wait6: return try sysWait6(t, a)
        case .getpgrp: return UInt64(getpgrp())
        case .setpgid: return try sysSetpgid(t, a)
        case .getpgid: return try sysGetpgid(t, a)
        case .setsid: return try hostCall { setsid() }
        case .getsid: return try sysGetsid(t, a)
        case .setuid: return try hostCall { setuid(ugid(a[0])) }
        case .seteuid: return try hostCall { seteuid(ugid(a[0])) }
        case .setgid: return try hostCall { setgid(ugid(a[0])) }
        case .setegid: return try hostCall { setegid(ugid(a[0])) }
        case .setreuid: return try hostCall { setreuid(ugid(a[0]), ugid(a[1])) }
        case .setregid: return try hostCall { setregid(ugid(a[0]), ugid(a[1])) }
        case .setresuid: return try sysSetresuid(t, a)
        case .setresgid: return try sysSetresgid(t, a)
        case .getresuid: return try sysGetresids(t, a, group: false)
        case .getresgid: return try sysGetresids(t, a, group: true)
        case .setgroups: return try sysSetgroups(t, a)
        case .getlogin: return try sysGetlogin(t, a)
        case .setlogin: return try sysSetlogin(t, a)
        case .getpriority: return try sysGetpriority(t, a)
        case .setpriority: return try sysSetpriority(t, a)
        case .getdtablesize: return try sysGetdtablesize(t, a)
        case .procctl: return try sysProcctl(t, a)
        case .setitimer: return try sysSetitimer(t, a)
        case .getitimer: return try sysGetitimer(t, a)
        case .thr_self:
            try t.store(a[0], Int64(t.tid))
            return 0
        case .thr_kill: return try sysThrKill(t, a)
        case .thr_kill2:
            guard Int32(truncatingIfNeeded: a[0]) == getpid() else { throw .ESRCH }
            var b = a
            b.a = (a[1], a[2], 0, 0, 0, 0, 0, 0)
            return try sysThrKill(t, b)
        case .thr_new: return try sysThrNew(t, a)
        case .thr_exit: sysThrExit(t, a)
        case .thr_set_name: return try sysThrSetName(t, a)
        case .thr_suspend: return try sysThrSuspend(t, a)
        case .thr_wake: return try sysThrWake(t, a)
        case .rtprio_thread: return try sysRtprioThread(t, a)
        case .cpuset_getaffinity: return try sysCpusetGetaffinity(t, a)
        case .cpuset_setaffinity: return 0
        case .cpuset_getid:
            if a[3] != 0 { try t.store(a[3], Int32(1)) }
            return 0
        case .sched_getcpu: return 0
        case ._umtx_op: return try sysUmtxOp(t, a)
        case .mmap: return try sysMmap(t, a)
        case .munmap: return try sysMunmap(t, a)
        case .mprotect: return try sysMprotect(t, a)
        case .madvise: return try sysMadvise(t, a)
        case .mincore: return try sysMincore(t, a)
        case .msync: return try sysMsync(t, a)
        case .`break`: return try sysBreak(t, a)
        case .sched_yield: sched_yield(); return 0
        case .ogetpagesize: return 4096
        case .socket: return try sysSocket(t, a)
        case .socketpair: return try sysSocketpair(t, a)
        case .bind: return try sysBind(t, a, at: false)
        case .bindat: return try sysBind(t, a, at: true)
        case .listen: return try sysListen(t, a)
        case .accept: return try sysAccept(t, a, flags: nil)
        case .accept4: return try sysAccept(t, a, flags: a[3])
        case .connect: return try sysConnect(t, a, at: false)
        case .connectat: return try sysConnect(t, a, at: true)
        case .getsockname: return try sysSockname(t, a, peer: false)
        case .getpeername: return try sysSockname(t, a, peer: true)
        case .setsockopt: return try sysSetsockopt(t, a)
        case .getsockopt: return try sysGetsockopt(t, a)
        case .sendto: return try sysSendto(t, a)
        case .sendmsg: return try sysSendmsg(t, a)
        case .recvfrom: return try sysRecvfrom(t, a)
        case .recvmsg: return try sysRecvmsg(t, a)
        case .shutdown: return try sysShutdown(t, a)
        case .poll: return try sysPoll(t, a)
        case .ppoll: return try sysPpoll(t, a)
        case .select: return try sysSelect(t, a)
        case .pselect: return try sysPselect(t, a)
        case .kqueue: return try sysKqueue(t, flags: nil)
        case .kqueuex: return try sysKqueue(t, flags: a[0])
        case .kevent: return try sysKevent(t, a, compat11: false)
        case .freebsd11_kevent: return try sysKevent(t, a, compat11: true)
        default:
            return try unimplemented(a, t)
        }
    }
}
