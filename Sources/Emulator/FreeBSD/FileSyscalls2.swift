import CHost
import Glibc

/// The everyday file calls beyond the core: links, permissions, ownership, sizes, times, fifos,
/// locks, pipes, descriptor ranges.
extension GuestProcess {
    func sysLinkat(_ t: GuestThread, _ fromDir: UInt64, _ from: UInt64, _ toDir: UInt64, _ to: UInt64, flags: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d1 = try t.dirfd(fromDir), d2 = try t.dirfd(toDir)
        let p1 = try t.string(from), p2 = try t.string(to)
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: flags)), fl & ~(AT_SYMLINK_FOLLOW | Linux.AT_EMPTY_PATH) == 0 else { throw .EINVAL }
        return try hostCall { linkat(d1, p1, d2, p2, fl) }
    }

    func sysSymlinkat(_ t: GuestThread, _ target: UInt64, _ dir: UInt64, _ path: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let tgt = try t.string(target)
        let d = try t.dirfd(dir)
        let p = try t.string(path)
        return try hostCall { symlinkat(tgt, d, p) }
    }

    func sysFchmodat(_ t: GuestThread, _ dir: UInt64, _ path: UInt64, _ mode: UInt64, flags: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(dir)
        let p = try t.string(path)
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: flags)), fl & ~AT_SYMLINK_NOFOLLOW == 0 else { throw .EINVAL }
        // Linux cannot change a symlink's own mode; FreeBSD can (lchmod). Report as FreeBSD
        // would on a file system without that support.
        if fl & AT_SYMLINK_NOFOLLOW != 0 {
            var st = stat()
            _ = try hostCall { fstatat(d, p, &st, AT_SYMLINK_NOFOLLOW) }
            if st.st_mode & S_IFMT == S_IFLNK { throw .EOPNOTSUPP }
        }
        return try hostCall { fchmodat(d, p, mode_t(mode & 0o7777), 0) }
    }

    func sysFchownat(_ t: GuestThread, _ dir: UInt64, _ path: UInt64, _ uid: UInt64, _ gid: UInt64, flags: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(dir)
        let p = try t.string(path)
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: flags)), fl & ~(AT_SYMLINK_NOFOLLOW | Linux.AT_EMPTY_PATH) == 0 else { throw .EINVAL }
        return try hostCall { fchownat(d, p, uid_t(truncatingIfNeeded: uid), gid_t(truncatingIfNeeded: gid), fl) }
    }

    func sysTruncate(_ t: GuestThread, path: UInt64?, fd: UInt64?, length: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let len = Int64(bitPattern: length)
        guard len >= 0 else { throw .EINVAL }
        if let p = path {
            let s = try t.string(p)
            let r = try hostCall { truncate(s, off_t(len)) }
            var st = stat()
            if stat(s, &st) == 0 { noteFileSize(st) }
            return r
        }
        let f = try t.fd(fd!)
        let r = try hostCall { ftruncate(f, off_t(len)) }
        noteFileSize(fd: f)
        return r
    }

    /// Keeps the SIGBUS boundary of mappings of a file in step with its size.
    func noteFileSize(_ st: stat) {
        guard (st.st_mode & S_IFMT) == S_IFREG else { return }
        space.fileSizeChanged(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: UInt64(st.st_size))
    }

    func noteFileSize(fd: Int32) {
        guard space.hasFileMappings else { return }
        var st = stat()
        if fstat(fd, &st) == 0 { noteFileSize(st) }
    }

    /// utimensat/futimens: struct timespec[2] with UTIME_NOW (-1) and UTIME_OMIT (-2) in tv_nsec
    /// (Linux uses (1<<30)-1 and (1<<30)-2).
    func readTimes(_ t: GuestThread, _ p: UInt64) throws(FreeBSDErrno) -> [timespec]? {
        if p == 0 { return nil }
        let r = StructReader(bytes: try t.copyIn(p, count: 32))
        var out: [timespec] = []
        for i in 0..<2 {
            let sec = r.get(Int64.self, at: i * 16), nsec = r.get(Int64.self, at: i * 16 + 8)
            let n: Int
            switch nsec {
            case -1: n = (1 << 30) - 1
            case -2: n = (1 << 30) - 2
            case 0..<1_000_000_000: n = Int(nsec)
            default: throw .EINVAL
            }
            out.append(timespec(tv_sec: Int(sec), tv_nsec: n))
        }
        return out
    }

    func sysUtimensat(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let d = try t.dirfd(a[0])
        let p = try t.string(a[1])
        let times = try readTimes(t, a[2])
        guard let fl = ABI.atFlagsToLinux(UInt32(truncatingIfNeeded: a[3])), fl & ~AT_SYMLINK_NOFOLLOW == 0 else { throw .EINVAL }
        if let ts = times { return try hostCall { utimensat(d, p, ts, fl) } }
        return try hostCall { utimensat(d, p, nil, fl) }
    }

    func sysFutimens(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let times = try readTimes(t, a[1])
        if let ts = times { return try hostCall { futimens(f, ts) } }
        return try hostCall { futimens(f, nil) }
    }

    /// utimes/futimes/lutimes: struct timeval[2] or NULL for "now".
    func sysUtimes(_ t: GuestThread, dir: Int32, path: UInt64?, fd: UInt64?, times: UInt64, follow: Bool) throws(FreeBSDErrno) -> UInt64 {
        var ts: [timespec]? = nil
        if times != 0 {
            let r = StructReader(bytes: try t.copyIn(times, count: 32))
            ts = []
            for i in 0..<2 {
                let us = r.get(Int64.self, at: i * 16 + 8)
                guard us >= 0 && us < 1_000_000 else { throw .EINVAL }
                ts!.append(timespec(tv_sec: Int(r.get(Int64.self, at: i * 16)), tv_nsec: Int(us * 1000)))
            }
        }
        if let f = fd {
            let h = try t.fd(f)
            if let v = ts { return try hostCall { futimens(h, v) } }
            return try hostCall { futimens(h, nil) }
        }
        let p = try t.string(path!)
        let fl = follow ? 0 : AT_SYMLINK_NOFOLLOW
        if let v = ts { return try hostCall { utimensat(dir, p, v, fl) } }
        return try hostCall { utimensat(dir, p, nil, fl) }
    }

    func sysPipe2(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let flags = UInt32(truncatingIfNeeded: a[1])
        guard flags & ~(0x4 | 0x100000) == 0 else { throw .EINVAL }   // O_NONBLOCK | O_CLOEXEC
        var fds: [Int32] = [0, 0]
        _ = try hostCall { Linux.pipe2(&fds, ABI.openFlagsToLinux(flags)!) }
        try t.copyOutDescriptorPair(a[0], fds)
        return 0
    }

    func sysCloseRange(_ t: GuestThread, low: UInt64, high: UInt64, flags: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let lo = UInt32(truncatingIfNeeded: low), hi = UInt32(truncatingIfNeeded: high)
        guard lo <= hi else { throw .EINVAL }
        guard flags & ~4 == 0 else { throw .EINVAL }   // CLOSE_RANGE_CLOEXEC = 1 << 2
        let cloexec = flags & 4 != 0
        // Walk the open descriptors instead of the (possibly huge) range; skip our own.
        guard let dir = opendir("/proc/self/fd") else { throw .host }
        var open: [Int32] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            if let n = Int32(name) { open.append(n) }
        }
        let dirFD = dirfd(dir)
        for f in open where UInt32(bitPattern: f) >= lo && UInt32(bitPattern: f) <= hi && f != dirFD && !isPrivateDescriptor(f) {
            if cloexec {
                _ = fcntl(f, F_SETFD, FD_CLOEXEC)
            } else {
                descriptorWillClose(f)
                close(f)
            }
        }
        closedir(dir)
        return 0
    }

    func sysFlock(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        return try hostCall { flock(f, Int32(truncatingIfNeeded: a[1])) }
    }

    func sysPosixFadvise(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        // posix_fadvise returns its error as the value.
        guard let f = try? t.fd(a[0]) else { return UInt64(FreeBSDErrno.EBADF.rawValue) }
        guard a[3] <= 5 else { return UInt64(FreeBSDErrno.EINVAL.rawValue) }
        let r = posix_fadvise(f, off_t(Int(bitPattern: UInt(a[1]))), off_t(Int(bitPattern: UInt(a[2]))), Int32(a[3]))
        return r == 0 ? 0 : UInt64(FreeBSDErrno(linux: r).rawValue)
    }

    /// pathconf/fpathconf/lpathconf: FreeBSD's _PC_* numbers.
    func sysPathconf(_ t: GuestThread, path: UInt64?, fd: UInt64?, name: UInt64, follow: Bool) throws(FreeBSDErrno) -> UInt64 {
        let linuxName: Int32
        switch name {
        case 1: linuxName = Int32(_PC_LINK_MAX)
        case 2: linuxName = Int32(_PC_MAX_CANON)
        case 3: linuxName = Int32(_PC_MAX_INPUT)
        case 4: linuxName = Int32(_PC_NAME_MAX)
        case 5: linuxName = Int32(_PC_PATH_MAX)
        case 6: linuxName = Int32(_PC_PIPE_BUF)
        case 7: linuxName = Int32(_PC_CHOWN_RESTRICTED)
        case 8: linuxName = Int32(_PC_NO_TRUNC)
        case 9: linuxName = Int32(_PC_VDISABLE)
        case 14: return 64   // _PC_FILESIZEBITS
        default: throw .EINVAL
        }
        let r: Int
        if let f = fd { let h = try t.fd(f); r = fpathconf(h, linuxName) }
        else { let p = try t.string(path!); r = pathconf(p, linuxName) }
        if r < 0 { if errno != 0 { throw .host }; return UInt64(bitPattern: -1) }
        return UInt64(r)
    }
}

extension GuestProcess {
    /// copy_file_range(infd, inoffp, outfd, outoffp, len, flags): the host's copy_file_range;
    /// FreeBSD takes no flags.
    func sysCopyFileRange(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let fin = try t.fd(a[0]), fout = try t.fd(a[2])
        guard a[5] == 0 else { throw .EINVAL }
        var inOff: Int64 = a[1] != 0 ? try t.load(a[1]) : 0
        var outOff: Int64 = a[3] != 0 ? try t.load(a[3]) : 0
        guard inOff >= 0, outOff >= 0 else { throw .EINVAL }
        let len = Int(min(a[4], UInt64(Int.max)))
        let n = try t.blockingCall { () -> Int in
            withUnsafeMutablePointer(to: &inOff) { ip in
                withUnsafeMutablePointer(to: &outOff) { op in
                    let r = host_syscall6(326, Int(fin), a[1] != 0 ? Int(bitPattern: ip) : 0, Int(fout),
                                          a[3] != 0 ? Int(bitPattern: op) : 0, len, 0)
                    if r < 0 { errno = Int32(-r); return -1 }
                    return r
                }
            }
        }
        if a[1] != 0 { try t.store(a[1], inOff) }
        if a[3] != 0 { try t.store(a[3], outOff) }
        noteFileSize(fd: fout)
        return n
    }
}
