import Glibc

/// Files and descriptors: read/write family, open/close, stat, directories, links, fcntl, ioctl.
/// Guest descriptors are host descriptors (the emulator's own live above 1000 and are refused).
extension GuestProcess {
    func sysRead(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        guard a[2] <= UInt64(Int.max) else { throw .EINVAL }
        if a[2] == 0 { return try hostCall { Glibc.read(f, nil, 0) } }
        let v = try t.iovecs(a[1], Int(a[2]), write: true)
        // Pipes, sockets and terminals may sleep: interruptible, restarted under SA_RESTART.
        return try t.blockingCall(restartable: true) { readv(f, v, Int32(v.count)) }
    }

    func sysWrite(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        guard a[2] <= UInt64(Int.max) else { throw .EINVAL }
        if a[2] == 0 { return try hostCall { Glibc.write(f, nil, 0) } }
        let v = try t.iovecs(a[1], Int(a[2]), write: false)
        let n = try t.pipeAware(fd: f) { () throws(FreeBSDErrno) -> UInt64 in try t.blockingCall(restartable: true) { writev(f, v, Int32(v.count)) } }
        noteFileSize(fd: f)
        return n
    }

    func sysReadv(_ t: GuestThread, _ a: SyscallArgs, write: Bool, offset: Int? = nil) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let v = try t.guestIovecs(a[1], count: a[2], write: !write)
        if v.isEmpty { return try hostCall { write ? Glibc.write(f, nil, 0) : Glibc.read(f, nil, 0) } }
        if let off = offset {
            return try t.pipeAware { () throws(FreeBSDErrno) -> UInt64 in try t.blockingCall { write ? pwritev(f, v, Int32(v.count), off) : preadv(f, v, Int32(v.count), off) } }
        }
        return try t.pipeAware(fd: f) { () throws(FreeBSDErrno) -> UInt64 in
            try t.blockingCall(restartable: true) { write ? writev(f, v, Int32(v.count)) : readv(f, v, Int32(v.count)) }
        }
    }

    func sysPread(_ t: GuestThread, _ a: SyscallArgs, write: Bool) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let off = Int(bitPattern: UInt(a[3]))
        guard off >= 0 else { throw .EINVAL }
        guard a[2] <= UInt64(Int.max) else { throw .EINVAL }
        if a[2] == 0 { return try hostCall { write ? pwrite(f, nil, 0, off) : pread(f, nil, 0, off) } }
        let v = try t.iovecs(a[1], Int(a[2]), write: !write)
        return try t.blockingCall { write ? pwritev(f, v, Int32(v.count), off) : preadv(f, v, Int32(v.count), off) }
    }

    func sysOpenat(_ t: GuestThread, dirfd: UInt64, path: UInt64, flags: UInt64, mode: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(dirfd)
        let p = try t.string(path)
        let ff = UInt32(truncatingIfNeeded: flags)
        guard let lf = ABI.openFlagsToLinux(ff) else { throw .EINVAL }
        if p.isEmpty {
            guard ff & ABI.openEmptyPath != 0 else { throw .ENOENT }
            return try hostCall { Glibc.openat(d, "/proc/self/fd/\(d)", lf, mode_t(mode & 0o7777)) }
        }
        let r = try hostCall { Glibc.openat(d, p, lf, mode_t(mode & 0o7777)) }
        if lf & O_TRUNC != 0 { noteFileSize(fd: Int32(r)) }
        if ff & (ABI.openSharedLock | ABI.openExclusiveLock) != 0 {
            let op = (ff & ABI.openExclusiveLock != 0 ? LOCK_EX : LOCK_SH) | (ff & 0x4 != 0 ? LOCK_NB : 0)
            if flock(Int32(r), op) != 0 {
                let e = FreeBSDErrno.host
                close(Int32(r))
                throw e
            }
        }
        return r
    }

    func sysClose(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        descriptorWillClose(f)
        // close(2) must not be retried on EINTR (the descriptor is gone either way).
        if Glibc.close(f) != 0 && errno != EINTR { throw .host }
        return 0
    }

    func sysLseek(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        guard a[2] <= 4 else { throw .EINVAL }
        return try hostCall { lseek(f, off_t(Int(bitPattern: UInt(a[1]))), Int32(a[2])) }
    }

    func sysFstat(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        var st = stat()
        _ = try hostCall { fstat(f, &st) }
        try t.copyOut(a[1], ABI.freeBSDStat(st))
        return 0
    }

    func sysFstatat(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(a[0])
        let p = try t.string(a[1])
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: a[3])), fl & ~(AT_SYMLINK_NOFOLLOW | Linux.AT_EMPTY_PATH) == 0 else { throw .EINVAL }
        var st = stat()
        _ = try hostCall { fstatat(d, p, &st, fl) }
        try t.copyOut(a[2], ABI.freeBSDStat(st))
        return 0
    }

    /// getdirentries(fd, buf, nbytes, basep): Linux dirent64 records rewritten as FreeBSD's
    /// struct dirent; entries that do not fit are left for the next call by seeking back.
    func sysGetdirentries(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let want = Int(min(a[2], 1 << 20))
        let base = lseek(f, 0, SEEK_CUR)
        var host = [UInt8](repeating: 0, count: max(want, 512))
        let n = try hostCall { host.withUnsafeMutableBytes { Linux.getdents64(f, $0.baseAddress!, $0.count) } }
        var out: [UInt8] = []
        var p = 0
        var lastOffset = Int64(base)
        while p < Int(n) {
            let r = StructReader(bytes: Array(host[p..<min(p + 19, Int(n))]) + [UInt8](repeating: 0, count: 19))
            let ino = r.get(UInt64.self, at: 0)
            let off = r.get(Int64.self, at: 8)
            let reclen = Int(r.get(UInt16.self, at: 16))
            let type = host[p + 18]
            let nameBytes = Array(host[(p + 19)..<(p + reclen)].prefix { $0 != 0 })
            let size = (24 + nameBytes.count + 1 + 7) & ~7
            if out.count + size > want {
                if out.isEmpty { throw .EINVAL }
                lseek(f, off_t(lastOffset), SEEK_SET)
                break
            }
            var w = StructWriter(size: size)
            w.put(ino, at: 0)
            w.put(off, at: 8)
            w.put(UInt16(size), at: 16)
            w.bytes[18] = type
            w.put(UInt16(nameBytes.count), at: 20)
            w.put(nameBytes, at: 24)
            out += w.bytes
            lastOffset = off
            p += reclen
        }
        if !out.isEmpty { try t.copyOut(a[1], out) }
        if a[3] != 0 { try t.store(a[3], Int64(base)) }
        return UInt64(out.count)
    }

    func sysFaccessat(_ t: GuestThread, dirfd: UInt64, path: UInt64, mode: UInt64, flags: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(dirfd)
        let p = try t.string(path)
        guard mode & ~7 == 0, let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: flags)) else { throw .EINVAL }
        return try hostCall { faccessat(d, p, Int32(mode), fl) }
    }

    func sysReadlinkat(_ t: GuestThread, dirfd: UInt64, path: UInt64, buf: UInt64, size: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(dirfd)
        let p = try t.string(path)
        guard size <= UInt64(Int32.max) else { throw .EINVAL }
        var b = [UInt8](repeating: 0, count: max(1, Int(min(size, 4096))))
        let n = try hostCall { b.withUnsafeMutableBytes { readlinkat(d, p, $0.baseAddress!.assumingMemoryBound(to: CChar.self), Int(min(size, 4096))) } }
        try t.copyOut(buf, Array(b.prefix(Int(n))))
        return n
    }

    func sysGetcwd(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var b = [CChar](repeating: 0, count: 4096)
        guard getcwd(&b, b.count) != nil else { throw .host }
        let s = Array(String(cString: b).utf8) + [0]
        guard UInt64(s.count) <= a[1] else { throw .ERANGE }
        try t.copyOut(a[0], s)
        return 0
    }

    func sysPathCall(_ t: GuestThread, _ path: UInt64, _ body: (String) -> Int32) throws(FreeBSDErrno) -> UInt64 {
        let p = try t.string(path)
        return try hostCall { body(p) }
    }

    func sysUnlinkat(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(a[0])
        let p = try t.string(a[1])
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: a[2])), fl & ~AT_REMOVEDIR == 0 else { throw .EINVAL }
        return try hostCall { unlinkat(d, p, fl) }
    }

    func sysRenameat(_ t: GuestThread, _ fromDir: UInt64, _ from: UInt64, _ toDir: UInt64, _ to: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let fd1 = try t.dirfd(fromDir), fd2 = try t.dirfd(toDir)
        let p1 = try t.string(from), p2 = try t.string(to)
        return try hostCall { renameat(fd1, p1, fd2, p2) }
    }

    func sysDup2(_ t: GuestThread, _ from: UInt64, _ to: UInt64, cloexec: Bool) throws(FreeBSDErrno) -> UInt64 {
        let a = try t.fd(from), b = try t.fd(to)
        guard b >= 0 else { throw .EBADF }
        if a == b {
            _ = try hostCall { fcntl(a, F_GETFD) }
            return UInt64(b)
        }
        // dup2 onto an open descriptor closes it first (its knotes go).
        if fcntl(a, F_GETFD) >= 0 { descriptorWillClose(b) }
        let r = try hostCall { Linux.dup3(a, b, cloexec ? O_CLOEXEC : 0) }
        descriptorDuplicated(a, to: b)
        return r
    }

    func sysFcntl(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let arg = a[2]
        switch a[1] {
        case 0: return try dupAbove(f, Int32(truncatingIfNeeded: arg), cloexec: false)       // F_DUPFD
        case 17: return try dupAbove(f, Int32(truncatingIfNeeded: arg), cloexec: true)       // F_DUPFD_CLOEXEC
        case 10: return try sysDup2(t, a[0], arg, cloexec: false)                            // F_DUP2FD
        case 18: return try sysDup2(t, a[0], arg, cloexec: true)                             // F_DUP2FD_CLOEXEC
        case 1: return try hostCall { fcntl(f, F_GETFD) }
        case 2: return try hostCall { fcntl(f, F_SETFD, Int32(arg & 1)) }
        case 3:
            let l = try hostCall { fcntl(f, F_GETFL) }
            return UInt64(ABI.openFlagsFromLinux(Int32(truncatingIfNeeded: l)))
        case 4:
            // Only the status flags F_SETFL may change: O_NONBLOCK, O_APPEND, O_ASYNC, O_DIRECT.
            let ff = UInt32(truncatingIfNeeded: arg) & (0x4 | 0x8 | 0x40 | 0x10000)
            guard let lf = ABI.openFlagsToLinux(ff) else { throw .EINVAL }
            return try hostCall { fcntl(f, F_SETFL, lf) }
        case 5: return try hostCall { fcntl(f, F_GETOWN) }
        case 6: return try hostCall { fcntl(f, F_SETOWN, Int32(truncatingIfNeeded: arg)) }
        case 11, 12, 13: return try fcntlLock(t, f, cmd: a[1], arg)
        case 19: return try hostCall { fcntl(f, 1033, Int32(truncatingIfNeeded: arg)) }       // F_ADD_SEALS
        case 20: return try hostCall { fcntl(f, 1034) }                                      // F_GET_SEALS
        case 15, 16: return 0                                                                // F_READAHEAD, F_RDAHEAD: hints
        default: throw .EINVAL
        }
    }

    private func dupAbove(_ f: Int32, _ minimum: Int32, cloexec: Bool) throws(FreeBSDErrno) -> UInt64 {
        guard minimum >= 0 else { throw .EINVAL }
        var r = try hostCall { fcntl(f, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, minimum) }
        // Never hand the guest a number the emulator reserved.
        while isPrivateDescriptor(Int32(r)) {
            let next = try hostCall { fcntl(f, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, Int32(r) + 1) }
            close(Int32(r))
            r = next
        }
        descriptorDuplicated(f, to: Int32(r))
        return r
    }

    /// F_GETLK/F_SETLK/F_SETLKW: FreeBSD struct flock is start, len, pid, type, whence, sysid.
    private func fcntlLock(_ t: GuestThread, _ f: Int32, cmd: UInt64, _ p: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let r = StructReader(bytes: try t.copyIn(p, count: 32))
        var fl = flock()
        fl.l_start = off_t(r.get(Int64.self, at: 0))
        fl.l_len = off_t(r.get(Int64.self, at: 8))
        fl.l_pid = r.get(Int32.self, at: 16)
        switch r.get(Int16.self, at: 20) {
        case 1: fl.l_type = Int16(F_RDLCK)
        case 2: fl.l_type = Int16(F_UNLCK)
        case 3: fl.l_type = Int16(F_WRLCK)
        default: throw .EINVAL
        }
        fl.l_whence = r.get(Int16.self, at: 22)
        let hostCmd = cmd == 11 ? F_GETLK : cmd == 12 ? F_SETLK : F_SETLKW
        _ = try hostCall { fcntl(f, hostCmd, &fl) }
        if cmd == 11 {
            var w = StructWriter(size: 32)
            w.put(Int64(fl.l_start), at: 0)
            w.put(Int64(fl.l_len), at: 8)
            w.put(Int32(fl.l_pid), at: 16)
            w.put(Int16(fl.l_type == Int16(F_RDLCK) ? 1 : fl.l_type == Int16(F_WRLCK) ? 3 : 2), at: 20)
            w.put(Int16(fl.l_whence), at: 22)
            try t.copyOut(p, w.bytes)
        }
        return 0
    }

    func sysIoctl(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let cmd = UInt32(truncatingIfNeeded: a[1])
        let p = a[2]
        switch cmd {
        case 0x402c7413: // TIOCGETA
            var buf = [UInt8](repeating: 0, count: 64)
            _ = try hostCall { buf.withUnsafeMutableBytes { ioctl(f, UInt(TCGETS), $0.baseAddress!) } }
            try t.copyOut(p, ABI.termiosFromLinux(buf))
            return 0
        case 0x802c7414, 0x802c7415, 0x802c7416: // TIOCSETA, TIOCSETAW, TIOCSETAF
            var lt = ABI.termiosToLinux(try t.copyIn(p, count: 44))
            let req = cmd == 0x802c7414 ? TCSETS : cmd == 0x802c7415 ? TCSETSW : TCSETSF
            return try hostCall { lt.withUnsafeMutableBytes { ioctl(f, UInt(req), $0.baseAddress!) } }
        case 0x40087468: // TIOCGWINSZ
            var ws = winsize()
            _ = try hostCall { ioctl(f, UInt(TIOCGWINSZ), &ws) }
            try withUnsafeBytes(of: &ws) { (b) throws(FreeBSDErrno) in try t.copyOut(p, Array(b)) }
            return 0
        case 0x80087467: // TIOCSWINSZ
            let b = try t.copyIn(p, count: 8)
            var ws = winsize()
            withUnsafeMutableBytes(of: &ws) { for i in 0..<8 { $0[i] = b[i] } }
            return try hostCall { ioctl(f, UInt(TIOCSWINSZ), &ws) }
        case 0x40047477: // TIOCGPGRP
            var pg: pid_t = 0
            _ = try hostCall { ioctl(f, UInt(TIOCGPGRP), &pg) }
            try t.store(p, Int32(pg))
            return 0
        case 0x80047476: // TIOCSPGRP
            var pg: pid_t = try t.load(p, Int32.self)
            return try hostCall { ioctl(f, UInt(TIOCSPGRP), &pg) }
        case 0x4004667f: // FIONREAD
            var n: Int32 = 0
            _ = try hostCall { ioctl(f, UInt(FIONREAD), &n) }
            try t.store(p, n)
            return 0
        case 0x8004667e: // FIONBIO
            var on: Int32 = try t.load(p, Int32.self)
            return try hostCall { ioctl(f, UInt(FIONBIO), &on) }
        case 0x20006601: return try hostCall { fcntl(f, F_SETFD, FD_CLOEXEC) }   // FIOCLEX
        case 0x20006602: return try hostCall { fcntl(f, F_SETFD, 0) }            // FIONCLEX
        default:
            // Validate the descriptor first (EBADF beats ENOTTY), as FreeBSD does.
            _ = try hostCall { fcntl(f, F_GETFD) }
            throw .ENOTTY
        }
    }
}
