import Glibc

/// The host address range that backs guest memory. One large PROT_NONE reservation, handed out
/// in page-aligned pieces; guest mappings are placed with MAP_FIXED inside it, so the emulator's
/// own heap never mixes with guest pages and the number of host mappings stays small
/// (adjacent anonymous pieces merge in the host kernel).
final class HostArena {
    let base: UnsafeMutableRawPointer
    let size: UInt64
    /// Free ranges as (offset, length), sorted by offset, coalesced.
    private var free: [(UInt64, UInt64)]

    init(size: UInt64 = 4 << 40) {
        var s = size
        var p: UnsafeMutableRawPointer? = MAP_FAILED
        // Try smaller reservations if the host limits address space (ulimit -v).
        while s >= (1 << 30) {
            p = mmap(nil, Int(s), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            if p != MAP_FAILED { break }
            s /= 2
        }
        precondition(p != MAP_FAILED, "cannot reserve host address space for guest memory")
        base = p!
        self.size = s
        free = [(0, s)]
    }

    deinit { munmap(base, Int(size)) }

    /// Takes `length` bytes (page multiple) of host address space, as fresh zero-filled
    /// read-write pages; nil when exhausted.
    func allocate(_ length: UInt64) -> UnsafeMutableRawPointer? {
        for (i, r) in free.enumerated() where r.1 >= length {
            if r.1 == length { free.remove(at: i) } else { free[i] = (r.0 + length, r.1 - length) }
            let p = base + Int(r.0)
            let m = mmap(p, Int(length), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
            precondition(m == p, "cannot commit guest backing")
            return p
        }
        return nil
    }

    /// Returns a piece to the arena; its contents are dropped (the range becomes fresh zero pages,
    /// readable so that a racing stale access from another guest thread cannot crash the host).
    func release(_ p: UnsafeMutableRawPointer, _ length: UInt64) {
        let r = mmap(p, Int(length), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
        precondition(r == p, "cannot release guest backing")
        let off = UInt64(p - base)
        var i = 0
        while i < free.count && free[i].0 < off { i += 1 }
        free.insert((off, length), at: i)
        if i + 1 < free.count && free[i].0 + free[i].1 == free[i + 1].0 {
            free[i].1 += free[i + 1].1
            free.remove(at: i + 1)
        }
        if i > 0 && free[i - 1].0 + free[i - 1].1 == free[i].0 {
            free[i - 1].1 += free[i].1
            free.remove(at: i)
        }
    }

    func contains(_ p: UnsafeRawPointer) -> Bool {
        let o = UInt(bitPattern: p) &- UInt(bitPattern: base)
        return UInt64(o) < size
    }
}
