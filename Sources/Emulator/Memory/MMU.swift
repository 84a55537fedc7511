/// One software-TLB entry: the guest page it translates for reads and for writes (or an
/// impossible tag), and the difference between host and guest addresses on that page.
struct TLBEntry {
    var readTag: UInt64
    var writeTag: UInt64
    var delta: UInt64
    var pad: UInt64
    static let invalid = TLBEntry(readTag: .max, writeTag: .max, delta: 0, pad: 0)
}

/// A guest thread's view of the address space: a direct-mapped software TLB in front of the
/// shared page table. Every guest data access goes through here. Pages with decoded code are
/// never entered for writes, and watched pages never at all, so those accesses reach the slow
/// path where code invalidation and watchpoints live.
public final class MMU {
    public unowned(unsafe) let space: AddressSpace
    /// 1024 entries cover 4 MiB, enough for the working sets of typical loops.
    static let entries = 1024
    /// The page table's root, read directly on TLB misses.
    let pageRoot: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
    let tlb: UnsafeMutablePointer<TLBEntry>
    private var seenMappingGeneration: UInt64 = 0
    /// Set when this thread wrote to a page holding decoded code: the interpreter must leave
    /// the current block and re-decode.
    var codeWritten = false
    /// Called on accesses to watched pages (the debugger's watchpoints); returns true to stop.
    var watchHandler: ((GuestAddress, Int, AccessKind) -> Bool)?

    public init(space: AddressSpace) {
        self.space = space
        pageRoot = space.pageTable.level1
        tlb = .allocate(capacity: MMU.entries)
        tlb.initialize(repeating: .invalid, count: MMU.entries)
        seenMappingGeneration = space.mappingGeneration
    }

    deinit { tlb.deallocate() }

    public func flush() {
        for i in 0..<MMU.entries { tlb[i] = .invalid }
        seenMappingGeneration = space.mappingGeneration
    }

    /// Flushes the TLB if the address space changed since the last look (called between blocks).
    @inline(__always) func sync() {
        if seenMappingGeneration != space.mappingGeneration { flush() }
    }

    // MARK: Fast paths

    @inline(__always) public func load<T: FixedWidthInteger>(_ a: GuestAddress, as _: T.Type = T.self) throws(Trap) -> T {
        let e = tlb + Int(truncatingIfNeeded: (a >> 12) & UInt64(MMU.entries - 1))
        if e.pointee.readTag == a & guestPageMask && (a & 0xfff) <= UInt64(4096 - MemoryLayout<T>.size) {
            return UnsafeRawPointer(bitPattern: UInt(a &+ e.pointee.delta)).unsafelyUnwrapped.loadUnaligned(as: T.self)
        }
        return try loadSlow(a, as: T.self)
    }

    @inline(__always) public func store<T: FixedWidthInteger>(_ a: GuestAddress, _ v: T) throws(Trap) {
        let e = tlb + Int(truncatingIfNeeded: (a >> 12) & UInt64(MMU.entries - 1))
        if e.pointee.writeTag == a & guestPageMask && (a & 0xfff) <= UInt64(4096 - MemoryLayout<T>.size) {
            UnsafeMutableRawPointer(bitPattern: UInt(a &+ e.pointee.delta)).unsafelyUnwrapped.storeBytes(of: v, as: T.self)
            return
        }
        try storeSlow(a, v)
    }

    /// Host pointer for an access of `size` bytes that must not cross a page (atomics, 16-byte
    /// SSE operands); nil if it crosses (callers fall back to split accesses).
    @inline(__always) public func hostPointer(_ a: GuestAddress, size: Int, access: AccessKind) throws(Trap) -> UnsafeMutableRawPointer? {
        if (a & 0xfff) > UInt64(4096 - size) { return nil }
        let e = tlb + Int(truncatingIfNeeded: (a >> 12) & UInt64(MMU.entries - 1))
        let tag = access == .write ? e.pointee.writeTag : e.pointee.readTag
        if tag == a & guestPageMask {
            return UnsafeMutableRawPointer(bitPattern: UInt(a &+ e.pointee.delta)).unsafelyUnwrapped
        }
        return try translate(a, access, size: size)
    }

    // MARK: Slow paths

    @inline(never)
    func loadSlow<T: FixedWidthInteger>(_ a: GuestAddress, as _: T.Type) throws(Trap) -> T {
        let size = MemoryLayout<T>.size
        if (a & 0xfff) <= UInt64(4096 - size) {
            return UnsafeRawPointer(try translate(a, .read, size: size)).loadUnaligned(as: T.self)
        }
        var v: T = 0
        for i in 0..<size {
            let b = try translate(a &+ UInt64(i), .read, size: 1).load(as: UInt8.self)
            v |= T(truncatingIfNeeded: b) << (8 * i)
        }
        return v
    }

    @inline(never)
    func storeSlow<T: FixedWidthInteger>(_ a: GuestAddress, _ v: T) throws(Trap) {
        let size = MemoryLayout<T>.size
        if (a & 0xfff) <= UInt64(4096 - size) {
            try translate(a, .write, size: size).storeBytes(of: v, as: T.self)
            return
        }
        // Check both pages before writing anything: a faulting store changes no memory.
        _ = try translate(a, .write, size: 1)
        _ = try translate(a &+ UInt64(size - 1), .write, size: 1)
        for i in 0..<size {
            try translate(a &+ UInt64(i), .write, size: 1).storeBytes(of: UInt8(truncatingIfNeeded: v >> (8 * i)), as: UInt8.self)
        }
    }

    /// Walks the page table, checks permission, refills the TLB; the host address of `a`.
    @inline(never)
    func translate(_ a: GuestAddress, _ access: AccessKind, size: Int) throws(Trap) -> UnsafeMutableRawPointer {
        let page = a >> 12
        let pe = PageTable.entry(pageRoot, page)
        guard pe.isPresent, pe.allows(access), let host = pe.host else {
            throw Trap.memory(a, access, space.faultReason(at: a))
        }
        if pe.raw & PageEntry.beyondEOF != 0 { throw Trap.memory(a, access, .beyondEndOfObject) }
        let e = tlb + Int(truncatingIfNeeded: page & UInt64(MMU.entries - 1))
        let tag = a & guestPageMask
        let delta = UInt64(UInt(bitPattern: host)) &- tag
        if pe.raw & PageEntry.watched != 0 {
            if let h = watchHandler, h(a, size, access) { throw Trap(kind: .stop, address: a, access: access) }
        } else {
            if e.pointee.delta != delta || (e.pointee.readTag != tag && e.pointee.writeTag != tag) {
                e.pointee = TLBEntry(readTag: .max, writeTag: .max, delta: delta, pad: 0)
            }
            if pe.raw & PageEntry.read != 0 { e.pointee.readTag = tag }
            if pe.raw & PageEntry.write != 0 && pe.raw & PageEntry.code == 0 { e.pointee.writeTag = tag }
        }
        if access == .write && pe.raw & PageEntry.code != 0 {
            space.codeWritten(page: page)
            codeWritten = true
        }
        return host + Int(a & 0xfff)
    }

    /// Reads instruction bytes for the decoder (execute permission). Returns how many bytes were
    /// copied into `buffer` before the first non-executable byte; throws only if the first byte
    /// cannot be fetched.
    func fetch(_ a: GuestAddress, into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(Trap) -> Int {
        var n = 0
        while n < count {
            let addr = a &+ UInt64(n)
            let pe = space.pageTable.entry(forPage: addr >> 12)
            guard pe.isPresent, pe.allows(.execute), let host = pe.host else {
                if n == 0 { throw Trap.memory(addr, .execute, space.faultReason(at: addr)) }
                return n
            }
            let inPage = min(count - n, 4096 - Int(addr & 0xfff))
            (buffer + n).update(from: (host + Int(addr & 0xfff)).assumingMemoryBound(to: UInt8.self), count: inPage)
            n += inPage
        }
        return n
    }
}
