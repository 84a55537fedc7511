import Glibc

/// A page-table entry: the host address of the page's backing in the high bits, guest
/// permission and bookkeeping bits in the low 12.
struct PageEntry: Equatable {
    var raw: UInt64

    static let present: UInt64 = 1 << 0
    static let read: UInt64 = 1 << 1
    static let write: UInt64 = 1 << 2
    static let exec: UInt64 = 1 << 3
    /// Decoded code exists for this page: writes take the slow path and invalidate it.
    static let code: UInt64 = 1 << 4
    /// A watchpoint covers part of this page: every access takes the slow path.
    static let watched: UInt64 = 1 << 5
    /// Guard page (MAP_GUARD / stack guard): present in the map, never accessible, never backed.
    static let guardPage: UInt64 = 1 << 6
    /// A file-backed page wholly past the end of the file: every access is a bus error.
    static let beyondEOF: UInt64 = 1 << 7

    static let empty = PageEntry(raw: 0)

    init(raw: UInt64) { self.raw = raw }
    init(host: UnsafeMutableRawPointer?, protection: Protection) {
        let h = UInt64(UInt(bitPattern: host))
        precondition(h & 0xfff == 0, "host page backing must be page aligned")
        var r = h | PageEntry.present
        if protection.contains(.read) { r |= PageEntry.read }
        if protection.contains(.write) { r |= PageEntry.write }
        if protection.contains(.exec) { r |= PageEntry.exec }
        raw = r
    }

    var isPresent: Bool { raw & PageEntry.present != 0 }
    var host: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: UInt(raw & guestPageMask)) }
    var protection: Protection {
        var p: Protection = []
        if raw & PageEntry.read != 0 { p.insert(.read) }
        if raw & PageEntry.write != 0 { p.insert(.write) }
        if raw & PageEntry.exec != 0 { p.insert(.exec) }
        return p
    }
    func allows(_ kind: AccessKind) -> Bool {
        switch kind {
        case .read: return raw & PageEntry.read != 0
        case .write: return raw & PageEntry.write != 0
        case .execute: return raw & PageEntry.exec != 0
        }
    }
}

/// Two-level radix table from guest page number to `PageEntry`, covering the 47-bit user space.
/// Level-2 tables are allocated lazily with anonymous mmap so untouched parts cost nothing.
/// Readers are lock-free (a torn read is impossible: entries are single 64-bit words); writers
/// hold the owning `AddressSpace`'s lock.
final class PageTable {
    static let level2Bits = 18
    static let level1Bits = 47 - 12 - level2Bits
    static let level2Count = 1 << level2Bits
    static let level1Count = 1 << level1Bits

    let level1: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>

    init() {
        level1 = .allocate(capacity: PageTable.level1Count)
        level1.initialize(repeating: nil, count: PageTable.level1Count)
    }

    deinit {
        for i in 0..<PageTable.level1Count {
            if let t = level1[i] { munmap(t, PageTable.level2Count * 8) }
        }
        level1.deallocate()
    }

    @inline(__always) func entry(forPage page: UInt64) -> PageEntry {
        PageTable.entry(level1, page)
    }

    /// Lookup on the raw root, for the MMU's miss path (no class access, no reference counting).
    @inline(__always) static func entry(_ root: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>, _ page: UInt64) -> PageEntry {
        guard page < UInt64(1) << 35, let t = root[Int(page >> UInt64(level2Bits))] else {
            return .empty
        }
        return PageEntry(raw: t[Int(page & UInt64(level2Count - 1))])
    }

    func set(page: UInt64, _ e: PageEntry) {
        precondition(page < UInt64(1) << 35)
        let i1 = Int(page >> UInt64(PageTable.level2Bits))
        var t = level1[i1]
        if t == nil {
            if e.raw == 0 { return }
            let p = mmap(nil, PageTable.level2Count * 8, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            precondition(p != MAP_FAILED, "cannot allocate a page-table level")
            t = p!.bindMemory(to: UInt64.self, capacity: PageTable.level2Count)
            level1[i1] = t
        }
        t![Int(page & UInt64(PageTable.level2Count - 1))] = e.raw
    }

    func update(page: UInt64, _ body: (inout PageEntry) -> Void) {
        var e = entry(forPage: page)
        body(&e)
        set(page: page, e)
    }
}
