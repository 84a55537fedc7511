import Glibc

/// One contiguous guest mapping with uniform attributes, as a memory map lists it.
public struct Mapping: @unchecked Sendable {
    public enum Kind: Sendable, Equatable { case anonymous, file, stack, guardRegion, image }
    public var start: GuestAddress
    public var end: GuestAddress
    public var protection: Protection
    public var maxProtection: Protection
    public var kind: Kind
    public var shared: Bool
    /// A label for memory maps and crash reports (file path, "[stack]", ...).
    public var name: String
    /// Host backing of `start` (nil for guard regions).
    var host: UnsafeMutableRawPointer?
    /// For file mappings: where the file's data ends (pages from here on raise SIGBUS).
    var objectEnd: GuestAddress = .max
    /// For file mappings: the file (device, inode) and the offset of `start` in it.
    var file: (dev: UInt64, ino: UInt64)? = nil
    var fileOffset: UInt64 = 0

    var length: UInt64 { end - start }
    func host(at a: GuestAddress) -> UnsafeMutableRawPointer? { host.map { $0 + Int(a - start) } }
}

/// How a new mapping is placed.
public enum Placement: Sendable {
    /// Anywhere free, searching upward from the address (FreeBSD's hint semantics).
    case hint(GuestAddress)
    /// Exactly at the address, replacing what is there (MAP_FIXED).
    case fixed(GuestAddress)
    /// Exactly at the address, failing if anything is mapped there (MAP_FIXED | MAP_EXCL).
    case fixedExclusive(GuestAddress)
}

/// What backs a new mapping.
public enum Backing: Sendable {
    case anonymous
    /// A host file descriptor and offset; `shared` gives MAP_SHARED semantics.
    case file(fd: Int32, offset: UInt64, shared: Bool, writable: Bool)
    /// Reserved, never accessible, never backed (MAP_GUARD).
    case guardRegion
}

/// Why a mapping operation failed; the FreeBSD layer turns these into errno values.
public enum MappingError: Error, Sendable, Equatable {
    case noMemory       // ENOMEM: no room, or range not mapped where that is required
    case invalid        // EINVAL
    case exists         // MAP_EXCL over an existing mapping (FreeBSD: EINVAL? see FreeBSD layer)
    case accessDenied   // EACCES: protection beyond the mapping's maximum
    case host(Int32)    // a host mmap failure (Linux errno)
}

/// The guest's virtual address space: the list of mappings, the page table the MMUs read, and
/// the host arena behind it. Shared by all guest threads; changes take `lock`.
public final class AddressSpace: @unchecked Sendable {
    let pageTable = PageTable()
    let arena: HostArena
    let lock = Lock()
    /// Sorted, non-overlapping.
    public private(set) var mappings: [Mapping] = []
    /// Bumped when permissions shrink or pages go away: MMUs flush their TLBs when they see it change.
    var mappingGeneration: UInt64 = 0
    /// Bumped when pages holding decoded code are written, unmapped or re-protected.
    var codeGeneration: UInt64 = 0
    /// Lowest address a non-fixed mapping may get (FreeBSD keeps page 0 unmapped).
    public var minimumAddress: GuestAddress = guestPageSize

    public init(arenaSize: UInt64 = 4 << 40) {
        arena = HostArena(size: arenaSize)
    }

    // MARK: - Queries

    /// Index of the mapping containing `a`, if any.
    func mappingIndex(containing a: GuestAddress) -> Int? {
        var lo = 0, hi = mappings.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if mappings[mid].end <= a { lo = mid + 1 } else { hi = mid }
        }
        return lo < mappings.count && mappings[lo].start <= a ? lo : nil
    }

    public func mapping(containing a: GuestAddress) -> Mapping? {
        lock.withLock { mappingIndex(containing: a).map { mappings[$0] } }
    }

    /// Classifies a failed access at `a` (for si_code): unmapped or lacking permission.
    func faultReason(at a: GuestAddress) -> Trap.Reason {
        if a >= guestAddressLimit { return a >= 0xffff_8000_0000_0000 ? .protection : .nonCanonical }
        return mapping(containing: a) == nil ? .unmapped : .protection
    }

    /// True if every page in [start, end) is mapped.
    func isFullyMapped(_ start: GuestAddress, _ end: GuestAddress) -> Bool {
        var a = start
        while a < end {
            guard let i = mappingIndex(containing: a) else { return false }
            a = mappings[i].end
        }
        return true
    }

    // MARK: - Changes

    /// Creates a mapping; returns its start address.
    public func map(_ placement: Placement, length: UInt64, protection: Protection,
                    maxProtection: Protection = .rwx, backing: Backing = .anonymous,
                    kind: Mapping.Kind = .anonymous, name: String = "",
                    alignment: UInt64 = guestPageSize, limit: GuestAddress = guestAddressLimit) throws(MappingError) -> GuestAddress {
        guard length > 0 else { throw .invalid }
        let len = pageUp(length)
        lock.lock()
        defer { lock.unlock() }
        let start: GuestAddress
        switch placement {
        case .fixed(let a):
            guard a & ~guestPageMask == 0, a &+ len <= limit, a &+ len > a else { throw .invalid }
            start = a
        case .fixedExclusive(let a):
            guard a & ~guestPageMask == 0, a &+ len <= limit, a &+ len > a else { throw .invalid }
            if overlapsAny(a, a + len) { throw .exists }
            start = a
        case .hint(let h):
            guard let a = findFree(length: len, from: max(pageUp(h), minimumAddress), alignment: alignment, limit: limit)
                    ?? findFree(length: len, from: minimumAddress, alignment: alignment, limit: limit) else {
                throw .noMemory
            }
            start = a
        }
        var host: UnsafeMutableRawPointer? = nil
        var isShared = false
        var fileInfo: ((UInt64, UInt64), UInt64, UInt64)? = nil
        switch backing {
        case .guardRegion:
            break
        case .anonymous:
            guard let h = arena.allocate(len) else { throw .noMemory }
            host = h
        case .file(let fd, let offset, let shared, let writable):
            guard let h = arena.allocate(len) else { throw .noMemory }
            let hostProt = (shared && !writable) ? PROT_READ : (PROT_READ | PROT_WRITE)
            let r = mmap(h, Int(len), hostProt, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd, off_t(truncatingIfNeeded: offset))
            if r == MAP_FAILED {
                let e = errno
                arena.release(h, len)
                throw .host(e)
            }
            // Pages wholly past the end of a regular file raise SIGBUS in the guest (touching
            // them on the host would kill the emulator); see `fileSizeChanged`.
            var st = stat()
            if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG {
                fileInfo = ((UInt64(st.st_dev), UInt64(st.st_ino)), offset, UInt64(st.st_size))
            }
            host = h
            isShared = shared
        }
        if case .fixed = placement { removeRange(start, start + len) }
        var m = Mapping(start: start, end: start + len, protection: protection, maxProtection: maxProtection,
                        kind: kind, shared: isShared, name: name, host: host)
        if case .guardRegion = backing { m.kind = .guardRegion; m.protection = []; m.maxProtection = [] }
        if let (id, offset, size) = fileInfo {
            m.file = id
            m.fileOffset = offset
            m.objectEnd = start + (size > offset ? pageUp(size - offset) : 0)
        }
        insert(m)
        fillPageTable(m)
        return start
    }

    /// Removes every mapping in [start, start+length). Unmapped holes are fine (as on FreeBSD).
    public func unmap(_ start: GuestAddress, length: UInt64) throws(MappingError) {
        guard start & ~guestPageMask == 0, length > 0 else { throw .invalid }
        let end = start &+ pageUp(length)
        guard end > start, end <= guestAddressLimit else { throw .invalid }
        lock.withLock { removeRange(start, end) }
    }

    /// Changes protection of [start, start+length); the whole range must be mapped.
    public func protect(_ start: GuestAddress, length: UInt64, protection: Protection) throws(MappingError) {
        guard start & ~guestPageMask == 0 else { throw .invalid }
        let end = start &+ pageUp(length)
        guard end >= start, end <= guestAddressLimit else { throw .invalid }
        if end == start { return }
        lock.lock()
        defer { lock.unlock() }
        guard isFullyMapped(start, end) else { throw .noMemory }
        for m in mappings where m.end > start && m.start < end {
            if !m.maxProtection.isSuperset(of: protection) { throw .accessDenied }
        }
        split(at: start)
        split(at: end)
        for i in mappings.indices where mappings[i].start >= start && mappings[i].end <= end {
            if mappings[i].kind == .guardRegion { continue }
            mappings[i].protection = protection
            fillPageTable(mappings[i])
        }
        mappingGeneration &+= 1
        codeGeneration &+= 1
    }

    /// True while any file is mapped (so size changes of files matter).
    public var hasFileMappings: Bool { lock.withLock { mappings.contains { $0.file != nil } } }

    /// A mapped file changed size (truncate, O_TRUNC): move the SIGBUS boundary of every
    /// mapping of it.
    public func fileSizeChanged(device: UInt64, inode: UInt64, size: UInt64) {
        lock.withLock {
            var changed = false
            for i in mappings.indices {
                guard let f = mappings[i].file, f.dev == device, f.ino == inode else { continue }
                let off = mappings[i].fileOffset
                mappings[i].objectEnd = mappings[i].start &+ (size > off ? pageUp(size - off) : 0)
                fillPageTable(mappings[i])
                changed = true
            }
            if changed { mappingGeneration &+= 1 }
        }
    }


    // MARK: - Internals (lock held)

    private func overlapsAny(_ start: GuestAddress, _ end: GuestAddress) -> Bool {
        mappings.contains { $0.start < end && $0.end > start }
    }

    private func findFree(length: UInt64, from: GuestAddress, alignment: UInt64, limit: GuestAddress) -> GuestAddress? {
        let align = max(alignment, guestPageSize)
        var candidate = (from + align - 1) & ~(align - 1)
        for m in mappings where m.end > candidate {
            if candidate + length <= m.start { break }
            candidate = (m.end + align - 1) & ~(align - 1)
        }
        return candidate + length <= limit && candidate + length > candidate ? candidate : nil
    }

    private func insert(_ m: Mapping) {
        var i = 0
        while i < mappings.count && mappings[i].start < m.start { i += 1 }
        mappings.insert(m, at: i)
    }

    /// Splits the mapping containing `a` so that a mapping boundary falls at `a`.
    private func split(at a: GuestAddress) {
        guard let i = mappingIndex(containing: a), mappings[i].start < a else { return }
        var upper = mappings[i]
        upper.start = a
        upper.host = mappings[i].host(at: a)
        upper.fileOffset = mappings[i].fileOffset &+ (a - mappings[i].start)
        mappings[i].end = a
        mappings.insert(upper, at: i + 1)
    }

    private func removeRange(_ start: GuestAddress, _ end: GuestAddress) {
        split(at: start)
        split(at: end)
        var removedCode = false
        mappings.removeAll { m in
            guard m.start >= start && m.end <= end else { return false }
            removedCode = clearPageTable(m.start, m.end) || removedCode
            if let h = m.host { arena.release(h, m.length) }
            return true
        }
        mappingGeneration &+= 1
        if removedCode { codeGeneration &+= 1 }
    }

    private func fillPageTable(_ m: Mapping) {
        var page = m.start >> 12
        let endPage = m.end >> 12
        if m.protection.isEmpty || m.host == nil {
            _ = clearPageTable(m.start, m.end)
            return
        }
        while page < endPage {
            let h = m.host! + Int((page << 12) - m.start)
            var e = PageEntry(host: h, protection: m.protection)
            if page << 12 >= m.objectEnd { e.raw |= PageEntry.beyondEOF }
            pageTable.set(page: page, e)
            page += 1
        }
    }

    /// Clears entries; returns true if any page held decoded code.
    @discardableResult
    private func clearPageTable(_ start: GuestAddress, _ end: GuestAddress) -> Bool {
        var code = false
        var page = start >> 12
        while page < end >> 12 {
            let e = pageTable.entry(forPage: page)
            if e.raw != 0 {
                if e.raw & PageEntry.code != 0 { code = true }
                pageTable.set(page: page, .empty)
            }
            page += 1
        }
        return code
    }

    // MARK: - Code tracking

    /// Marks a page as holding decoded code, so writes to it take the MMU's slow path.
    func markCode(page: UInt64) {
        let e = pageTable.entry(forPage: page)
        guard e.isPresent, e.raw & PageEntry.code == 0 else { return }
        lock.withLock { pageTable.update(page: page) { $0.raw |= PageEntry.code } }
        mappingGeneration &+= 1   // drop write-TLB entries for it
    }

    /// A write reached a code page: drop decoded code (every thread sees the new generation).
    func codeWritten(page: UInt64) {
        lock.withLock { pageTable.update(page: page) { $0.raw &= ~PageEntry.code } }
        codeGeneration &+= 1
        mappingGeneration &+= 1
    }

    // MARK: - Bulk access for syscalls and the debugger

    /// Host memory for [a, a+length), as host-contiguous pieces, after checking `access` on
    /// every page. Writes to code pages invalidate decoded code.
    public func hostRanges(_ a: GuestAddress, length: Int, access: AccessKind) throws(Trap) -> [UnsafeMutableRawBufferPointer] {
        var out: [UnsafeMutableRawBufferPointer] = []
        if length == 0 { return out }
        var addr = a
        var remaining = UInt64(length)
        guard a &+ remaining >= a else { throw Trap.memory(a, access, .nonCanonical) }
        while remaining > 0 {
            let page = addr >> 12
            let e = pageTable.entry(forPage: page)
            guard e.isPresent, e.allows(access), e.raw & PageEntry.beyondEOF == 0 else {
                throw Trap.memory(addr, access, e.raw & PageEntry.beyondEOF != 0 ? .beyondEndOfObject : faultReason(at: addr))
            }
            if access == .write && e.raw & PageEntry.code != 0 { codeWritten(page: page) }
            let inPage = min(remaining, guestPageSize - (addr & 0xfff))
            let h = e.host! + Int(addr & 0xfff)
            if let last = out.last, last.baseAddress! + last.count == h {
                out[out.count - 1] = UnsafeMutableRawBufferPointer(start: last.baseAddress, count: last.count + Int(inPage))
            } else {
                out.append(UnsafeMutableRawBufferPointer(start: h, count: Int(inPage)))
            }
            addr += inPage
            remaining -= inPage
        }
        return out
    }

    public func read(_ a: GuestAddress, count: Int) throws(Trap) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        for r in try hostRanges(a, length: count, access: .read) { out.append(contentsOf: r) }
        return out
    }

    public func write(_ a: GuestAddress, _ bytes: UnsafeRawBufferPointer) throws(Trap) {
        var off = 0
        for r in try hostRanges(a, length: bytes.count, access: .write) {
            r.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[off..<off + r.count]))
            off += r.count
        }
    }

    public func write(_ a: GuestAddress, _ bytes: [UInt8]) throws(Trap) {
        var failure: Trap? = nil
        bytes.withUnsafeBytes { b in
            do throws(Trap) { try write(a, b) } catch { failure = error }
        }
        if let f = failure { throw f }
    }

    public func readValue<T: FixedWidthInteger>(_ a: GuestAddress, as: T.Type = T.self) throws(Trap) -> T {
        var v = T.zero
        var off = 0
        for r in try hostRanges(a, length: MemoryLayout<T>.size, access: .read) {
            withUnsafeMutableBytes(of: &v) { $0.baseAddress!.advanced(by: off).copyMemory(from: r.baseAddress!, byteCount: r.count) }
            off += r.count
        }
        return T(littleEndian: v)
    }

    public func writeValue<T: FixedWidthInteger>(_ a: GuestAddress, _ value: T) throws(Trap) {
        var v = value.littleEndian
        var failure: Trap? = nil
        withUnsafeBytes(of: &v) { b in
            do throws(Trap) { try write(a, b) } catch { failure = error }
        }
        if let f = failure { throw f }
    }

    /// Reads a NUL-terminated string (without the NUL); throws if it runs into unreadable memory,
    /// returns nil if no NUL comes within `limit` bytes (callers report ENAMETOOLONG).
    public func readCString(_ a: GuestAddress, limit: Int = 4096) throws(Trap) -> [UInt8]? {
        var out = [UInt8]()
        var addr = a
        while out.count < limit {
            let e = pageTable.entry(forPage: addr >> 12)
            guard e.isPresent, e.allows(.read) else {
                throw Trap.memory(addr, .read, faultReason(at: addr))
            }
            let p = e.host!.assumingMemoryBound(to: UInt8.self)
            var off = Int(addr & 0xfff)
            while off < 4096 {
                let b = p[off]
                if b == 0 { return out }
                out.append(b)
                if out.count >= limit { return nil }
                off += 1
            }
            addr = (addr | 0xfff) + 1
        }
        return nil
    }

    /// Debugger access: reads or writes regardless of guest permissions (breakpoint-free views).
    public func debugRead(_ a: GuestAddress, count: Int) -> [UInt8]? {
        var out = [UInt8]()
        for i in 0..<count {
            let addr = a &+ UInt64(i)
            let e = pageTable.entry(forPage: addr >> 12)
            guard e.isPresent, let h = e.host else {
                guard let m = mapping(containing: addr), let hp = m.host(at: addr) else { return out.isEmpty ? nil : out }
                out.append(hp.load(as: UInt8.self))
                continue
            }
            out.append(h.load(fromByteOffset: Int(addr & 0xfff), as: UInt8.self))
        }
        return out
    }

    public func debugWrite(_ a: GuestAddress, _ bytes: [UInt8]) -> Bool {
        for (i, b) in bytes.enumerated() {
            let addr = a &+ UInt64(i)
            guard let m = mapping(containing: addr), let hp = m.host(at: addr) else { return false }
            let page = addr >> 12
            if pageTable.entry(forPage: page).raw & PageEntry.code != 0 { codeWritten(page: page) }
            hp.storeBytes(of: b, as: UInt8.self)
        }
        return true
    }
}
