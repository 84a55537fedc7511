import CHost
import Glibc

/// statfs, fstatfs, getfsstat: Linux statfs results in FreeBSD's struct statfs (2344 bytes,
/// sys/sys/mount.h, STATFS_VERSION 0x20140518).
extension GuestProcess {
    /// FreeBSD type names for the Linux file-system magic numbers seen in practice.
    static func fileSystemName(_ magic: Int) -> String {
        switch UInt32(truncatingIfNeeded: magic) {
        case 0xEF53: return "ext2fs"
        case 0x01021994: return "tmpfs"
        case 0x9123683E: return "btrfs"
        case 0x58465342: return "xfs"
        case 0x794C7630: return "overlay"
        case 0x6969: return "nfs"
        case 0x9FA0: return "procfs"
        case 0x62656572: return "sysfs"
        case 0x1373: return "devfs"
        case 0x2FC12FC1: return "zfs"
        default: return "linux"
        }
    }

    /// Where the file system holding `path` is mounted (from /proc/self/mountinfo, by device).
    static func mountInfo(device: UInt64) -> (from: String, on: String) {
        guard let f = fopen("/proc/self/mountinfo", "r") else { return ("", "/") }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), f) != nil {
            let fields = String(cString: line).split(separator: " ")
            guard fields.count > 9 else { continue }
            let mm = fields[2].split(separator: ":")
            guard mm.count == 2, let major = UInt64(mm[0]), let minor = UInt64(mm[1]) else { continue }
            // glibc's makedev encoding of st_dev.
            let dev = ((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff)
            if dev == device, let dash = fields.firstIndex(of: "-"), dash + 2 < fields.count {
                return (String(fields[dash + 2]), String(fields[4]))
            }
        }
        return ("", "/")
    }

    /// Linux struct statfs (x86-64, 120 bytes), read raw: f_type, f_bsize, f_blocks, f_bfree,
    /// f_bavail, f_files, f_ffree, f_fsid, f_namelen, f_frsize, f_flags.
    struct LinuxStatfs {
        var f_type = 0, f_bsize = 0, f_blocks = 0, f_bfree = 0, f_bavail = 0, f_files = 0, f_ffree = 0
        var f_fsid: UInt64 = 0
        var f_namelen = 0, f_flags = 0
        init(_ b: [UInt8]) {
            let r = StructReader(bytes: b)
            f_type = r.get(Int.self, at: 0); f_bsize = r.get(Int.self, at: 8); f_blocks = r.get(Int.self, at: 16)
            f_bfree = r.get(Int.self, at: 24); f_bavail = r.get(Int.self, at: 32); f_files = r.get(Int.self, at: 40)
            f_ffree = r.get(Int.self, at: 48); f_fsid = r.get(UInt64.self, at: 56); f_namelen = r.get(Int.self, at: 64)
            f_flags = r.get(Int.self, at: 80)
        }
    }

    /// statfs (137) / fstatfs (138) on the host, raw.
    static func hostStatfs(path: String?, fd: Int32) -> LinuxStatfs? {
        var b = [UInt8](repeating: 0, count: 120)
        let r = b.withUnsafeMutableBytes { buf -> Int in
            if let p = path {
                return p.withCString { host_syscall6(137, Int(bitPattern: $0), Int(bitPattern: buf.baseAddress!), 0, 0, 0, 0) }
            }
            return host_syscall6(138, Int(fd), Int(bitPattern: buf.baseAddress!), 0, 0, 0, 0)
        }
        if r < 0 { errno = Int32(-r); return nil }
        return LinuxStatfs(b)
    }

    func freeBSDStatfs(_ s: LinuxStatfs, device: UInt64) -> [UInt8] {
        var w = StructWriter(size: 2344)
        w.put(UInt32(0x2014_0518), at: 0)
        w.put(UInt32(truncatingIfNeeded: s.f_type & 0xff), at: 4)
        var flags: UInt64 = 0x1000          // MNT_LOCAL
        if s.f_flags & 1 != 0 { flags |= 0x1 }      // ST_RDONLY -> MNT_RDONLY
        if s.f_flags & 2 != 0 { flags |= 0x8 }      // ST_NOSUID -> MNT_NOSUID
        if s.f_flags & 8 != 0 { flags |= 0x4 }      // ST_NOEXEC -> MNT_NOEXEC
        w.put(flags, at: 8)
        w.put(UInt64(s.f_bsize), at: 16)
        w.put(UInt64(s.f_bsize), at: 24)
        w.put(UInt64(s.f_blocks), at: 32)
        w.put(UInt64(s.f_bfree), at: 40)
        w.put(Int64(s.f_bavail), at: 48)
        w.put(UInt64(s.f_files), at: 56)
        w.put(Int64(s.f_ffree), at: 64)
        w.put(UInt32(truncatingIfNeeded: s.f_namelen), at: 184)
        w.put(UInt32(0), at: 188)
        w.put(s.f_fsid, at: 192)
        let (from, on) = GuestProcess.mountInfo(device: device)
        w.put(Array(GuestProcess.fileSystemName(Int(s.f_type)).utf8.prefix(15)), at: 280)
        w.put(Array(from.utf8.prefix(1023)), at: 296)
        w.put(Array(on.utf8.prefix(1023)), at: 1320)
        return w.bytes
    }

    func sysStatfs(_ t: GuestThread, path: UInt64?, fd: UInt64?, buf: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let s: LinuxStatfs
        var st = stat()
        if let p = path {
            let name = try t.string(p)
            guard let r = GuestProcess.hostStatfs(path: name, fd: -1) else { throw .host }
            s = r
            _ = try hostCall { stat(name, &st) }
        } else {
            let f = try t.fd(fd!)
            guard let r = GuestProcess.hostStatfs(path: nil, fd: f) else { throw .host }
            s = r
            _ = try hostCall { fstat(f, &st) }
        }
        try t.copyOut(buf, freeBSDStatfs(s, device: UInt64(st.st_dev)))
        return 0
    }

    /// getfsstat(buf, bufsize, mode): the file system of "/" and of the working directory.
    func sysGetfsstat(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var entries: [[UInt8]] = []
        var seen = Set<UInt64>()
        for path in ["/", "."] {
            var st = stat()
            guard let s = GuestProcess.hostStatfs(path: path, fd: -1), stat(path, &st) == 0, !seen.contains(UInt64(st.st_dev)) else { continue }
            seen.insert(UInt64(st.st_dev))
            entries.append(freeBSDStatfs(s, device: UInt64(st.st_dev)))
        }
        if a[0] == 0 { return UInt64(entries.count) }
        let room = Int(a[1]) / 2344
        let n = min(room, entries.count)
        if n > 0 { try t.copyOut(a[0], Array(entries.prefix(n).joined())) }
        return UInt64(n)
    }
}
