import CHost
import Glibc

/// mmap, munmap, mprotect, madvise, mincore, msync and break, with FreeBSD's flags and layout
/// (sys/vm/vm_mmap.c).
extension GuestProcess {
    static let MAP_SHARED: UInt32 = 0x1, MAP_PRIVATE: UInt32 = 0x2, MAP_FIXED: UInt32 = 0x10,
        MAP_HASSEMAPHORE: UInt32 = 0x200, MAP_STACK: UInt32 = 0x400, MAP_NOSYNC: UInt32 = 0x800,
        MAP_ANON: UInt32 = 0x1000, MAP_GUARD: UInt32 = 0x2000, MAP_EXCL: UInt32 = 0x4000,
        MAP_NOCORE: UInt32 = 0x20000, MAP_PREFAULT_READ: UInt32 = 0x40000, MAP_32BIT: UInt32 = 0x80000,
        MAP_ALIGNMENT_MASK: UInt32 = 0xff00_0000

    func sysMmap(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var addr = a[0]
        var size = a[1]
        let protArg = UInt32(truncatingIfNeeded: a[2])
        let flags = UInt32(truncatingIfNeeded: a[3])
        let fd = Int32(truncatingIfNeeded: a[4])
        var pos = a[5]
        let prot = Protection(rawValue: protArg & 7)
        let maxBits = (protArg >> 16) & 7
        let maxProt: Protection = maxBits == 0 ? .rwx : Protection(rawValue: maxBits)
        guard protArg & ~(7 | (7 << 16)) == 0, maxProt.isSuperset(of: prot) else { throw .EINVAL }
        let known = Self.MAP_SHARED | Self.MAP_PRIVATE | Self.MAP_FIXED | Self.MAP_HASSEMAPHORE | Self.MAP_STACK |
            Self.MAP_NOSYNC | Self.MAP_ANON | Self.MAP_GUARD | Self.MAP_EXCL | Self.MAP_NOCORE |
            Self.MAP_PREFAULT_READ | Self.MAP_32BIT | Self.MAP_ALIGNMENT_MASK | 0x20 /* MAP_RENAME */ | 0x40 /* MAP_NORESERVE */
        guard flags & ~known == 0 else { throw .EINVAL }
        if flags & (Self.MAP_SHARED | Self.MAP_PRIVATE) == (Self.MAP_SHARED | Self.MAP_PRIVATE) { throw .EINVAL }
        let fixed = flags & Self.MAP_FIXED != 0
        if flags & Self.MAP_EXCL != 0 && !fixed { throw .EINVAL }
        let anon = flags & Self.MAP_ANON != 0
        let guardMap = flags & Self.MAP_GUARD != 0
        if anon && (fd != -1 || pos != 0) { throw .EINVAL }
        if guardMap {
            guard prot.isEmpty, fd == -1, pos == 0,
                  flags & ~(Self.MAP_GUARD | Self.MAP_FIXED | Self.MAP_EXCL | Self.MAP_ALIGNMENT_MASK | Self.MAP_32BIT) == 0 else { throw .EINVAL }
        }
        if flags & Self.MAP_STACK != 0 {
            guard fd == -1, prot == .rw || prot == .rwx, flags & Self.MAP_SHARED == 0 else { throw .EINVAL }
        }
        // Alignment request.
        var alignment = guestPageSize
        let alignLog = (flags & Self.MAP_ALIGNMENT_MASK) >> 24
        if alignLog == 1 {
            if size >= 2 << 20 { alignment = 2 << 20 }   // MAP_ALIGNED_SUPER
        } else if alignLog != 0 {
            guard alignLog >= 12 && alignLog < 48 else { throw .EINVAL }
            alignment = UInt64(1) << UInt64(alignLog)
        }
        // A file offset need not be page aligned: the mapping starts at the page holding it.
        let pageOffset = pos & (guestPageSize - 1)
        pos -= pageOffset
        guard size > 0, size &+ pageOffset >= size else { throw .EINVAL }
        size = pageUp(size + pageOffset)
        guard size > 0 else { throw .ENOMEM }
        if fixed {
            guard addr & (guestPageSize - 1) == pageOffset else { throw .EINVAL }
            addr -= pageOffset
            guard addr &+ size <= guestAddressLimit, addr &+ size > addr else { throw .EINVAL }
            if alignment > guestPageSize && addr & (alignment - 1) != 0 { throw .EINVAL }
        }
        let limit: UInt64 = flags & Self.MAP_32BIT != 0 ? 0x8000_0000 : guestAddressLimit
        var backing = Backing.anonymous
        var kind = Mapping.Kind.anonymous
        var name = ""
        var sharedMemory: Int32? = nil
        defer { if let m = sharedMemory { close(m) } }
        if guardMap {
            backing = .guardRegion
        } else if anon && flags & Self.MAP_SHARED != 0 {
            // Shared anonymous memory must stay shared with children after fork: it is backed
            // by an unnamed host memory file (the mapping keeps it alive after the close).
            let m = Int32(truncatingIfNeeded: "bsd-user-gdb-shared".withCString { host_syscall6(319 /* memfd_create */, Int(bitPattern: $0), 1 /* MFD_CLOEXEC */, 0, 0, 0, 0) })
            guard m >= 0 else { throw FreeBSDErrno(linux: -m) }
            sharedMemory = m
            guard ftruncate(m, off_t(size)) == 0 else { throw .ENOMEM }
            backing = .file(fd: m, offset: 0, shared: true, writable: true)
        } else if !anon {
            let f = try t.fd(a[4])
            let fl = try hostCall { fcntl(f, F_GETFL) }
            let mode = Int32(fl) & O_ACCMODE
            var st = stat()
            _ = try hostCall { fstat(f, &st) }
            let fileType = st.st_mode & S_IFMT
            guard fileType == S_IFREG || fileType == S_IFCHR else { throw .ENODEV }
            if mode == O_WRONLY { throw .EACCES }
            let shared = flags & Self.MAP_SHARED != 0
            let writable = mode == O_RDWR
            if shared && prot.contains(.write) && !writable { throw .EACCES }
            backing = .file(fd: f, offset: pos, shared: shared, writable: writable)
            kind = .file
            name = descriptorPath(f) ?? ""
        }
        let placement: Placement
        if fixed {
            placement = flags & Self.MAP_EXCL != 0 ? .fixedExclusive(addr) : .fixed(addr)
        } else {
            var hint = addr
            // FreeBSD places hintless mappings above the data segment's maximum size.
            let floor = pageUp(image.dataStart + FreeBSDLayout.maxDataSize)
            if flags & Self.MAP_32BIT == 0 && (hint == 0 || (hint >= image.dataStart && hint < floor)) { hint = floor }
            placement = .hint(hint)
        }
        let start: UInt64
        do {
            start = try space.map(placement, length: size, protection: prot, maxProtection: maxProt, backing: backing,
                                  kind: kind, name: name, alignment: alignment, limit: limit)
        } catch {
            switch error {
            case .exists, .invalid: throw .EINVAL
            case .noMemory: throw .ENOMEM
            case .accessDenied: throw .EACCES
            case .host(let e): throw FreeBSDErrno(linux: e)
            }
        }
        return start + pageOffset
    }

    func descriptorPath(_ f: Int32) -> String? {
        var buf = [CChar](repeating: 0, count: 1024)
        let n = readlink("/proc/self/fd/\(f)", &buf, buf.count - 1)
        return n > 0 ? String(cString: buf) : nil
    }

    func sysMunmap(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let addr = a[0], size = a[1]
        guard size > 0 else { throw .EINVAL }
        let start = pageDown(addr)
        let end = pageUp(addr &+ size)
        guard end > start, end <= guestAddressLimit else { throw .EINVAL }
        do { try space.unmap(start, length: end - start) } catch { throw .EINVAL }
        return 0
    }

    func sysMprotect(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let start = pageDown(a[0])
        let end = pageUp(a[0] &+ a[1])
        let protArg = UInt32(truncatingIfNeeded: a[2])
        guard protArg & ~(7 | (7 << 16)) == 0, end >= start, end <= guestAddressLimit else { throw .EINVAL }
        if end == start { return 0 }
        do {
            try space.protect(start, length: end - start, protection: Protection(rawValue: protArg & 7))
        } catch {
            // FreeBSD (kern_mprotect): a hole in the range is KERN_INVALID_ADDRESS, i.e. EINVAL
            // (Linux says ENOMEM); beyond the maximum protection is EACCES.
            switch error {
            case .accessDenied: throw .EACCES
            default: throw .EINVAL
            }
        }
        return 0
    }

    func sysMadvise(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let behav = Int64(bitPattern: a[2])
        guard behav >= 0 && behav <= 10 else { throw .EINVAL }
        let end = a[0] &+ a[1]
        guard end >= a[0], end <= guestAddressLimit else { throw .EINVAL }
        // Advice only: FreeBSD's MADV_DONTNEED keeps contents, so there is nothing to do.
        return 0
    }

    func sysMincore(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let start = pageDown(a[0])
        let end = pageUp(a[0] &+ a[1])
        guard end >= start, end <= guestAddressLimit else { throw .ENOMEM }
        var vec = [UInt8]()
        var p = start
        while p < end {
            guard let m = space.mapping(containing: p) else { throw .ENOMEM }
            var resident: UInt8 = 0
            if let h = m.host(at: p) {
                var v: UInt8 = 0
                if mincore(h, Int(guestPageSize), &v) == 0 && v & 1 != 0 { resident = 1 }
            }
            vec.append(resident)
            p += guestPageSize
        }
        if !vec.isEmpty { try t.copyOut(a[2], vec) }
        return 0
    }

    func sysMsync(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let flags = a[2]
        guard flags & ~3 == 0, flags != 3, a[0] & (guestPageSize - 1) == 0 else { throw .EINVAL }
        let end = pageUp(a[0] &+ a[1])
        var p = a[0]
        while p < end {
            guard let m = space.mapping(containing: p) else { throw .ENOMEM }
            let upto = min(end, m.end)
            if m.shared, let h = m.host(at: p) {
                let hostFlags = (flags & 1 != 0 ? MS_ASYNC : MS_SYNC) | (flags & 2 != 0 ? MS_INVALIDATE : 0)
                msync(h, Int(upto - p), hostFlags)
            }
            p = upto
        }
        return 0
    }

    /// break(nsize): grows or shrinks the data segment; returns the new break (0 asks for it).
    func sysBreak(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let want = a[0]
        if want == 0 { return breakEnd }
        guard want >= image.breakStart else { throw .EINVAL }
        guard want - image.dataStart <= FreeBSDLayout.maxDataSize else { throw .ENOMEM }
        let newEnd = pageUp(want)
        let oldEnd = pageUp(breakEnd)
        if newEnd > oldEnd {
            do {
                _ = try space.map(.fixedExclusive(oldEnd), length: newEnd - oldEnd, protection: .rw, name: "[heap]")
            } catch {
                throw .ENOMEM
            }
        } else if newEnd < oldEnd {
            try? space.unmap(newEnd, length: oldEnd - newEnd)
        }
        breakEnd = want
        return want
    }
}
