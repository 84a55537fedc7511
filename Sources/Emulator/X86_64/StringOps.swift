import Glibc

/// movs, stos, lods, cmps, scas, with rep/repe/repne. Long repeats run in slices so that the
/// thread still reaches block boundaries (signals, debugger) and stays restartable: after each
/// element the registers say exactly how far it got, as on hardware.
extension X86CPU {
    static let repSlice = 1 << 16

    func stringOp(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.size {
        case 8: try stringOp(d, UInt64.self)
        case 4: try stringOp(d, UInt32.self)
        case 2: try stringOp(d, UInt16.self)
        default: try stringOp(d, UInt8.self)
        }
    }

    func stringOp<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let op = d.pointee.op
        let addr32 = d.pointee.prefix & Instruction.addr32Prefix != 0
        let repeated = d.pointee.prefix & (Instruction.repPrefix | Instruction.repnePrefix) != 0
        let amask: UInt64 = addr32 ? 0xffff_ffff : ~0
        let step = directionFlag ? UInt64(bitPattern: -Int64(T.byteSize)) : UInt64(T.byteSize)
        let segBase = r64(d.pointee.seg)
        if !repeated {
            try stringStep(op, T.self, amask, step, segBase)
            return
        }
        var count = addr32 ? UInt64(r32(8)) : r64(8)
        if count == 0 { return }
        if !directionFlag && !addr32 && (op == .movs || op == .stos) && T.byteSize > 0 {
            count = try bulkString(op, T.self, count, segBase)
            if count == 0 { return }
        }
        var n = 0
        while count != 0 {
            try stringStep(op, T.self, amask, step, segBase)
            count &-= 1
            if addr32 { set32(8, UInt32(truncatingIfNeeded: count)) } else { set64(8, count) }
            if op == .cmps || op == .scas {
                let z = condition(4)   // ZF
                if d.pointee.prefix & Instruction.repPrefix != 0 ? !z : z { return }
            }
            n += 1
            if n >= X86CPU.repSlice && count != 0 {
                rip &-= UInt64(d.pointee.length)   // resume this instruction after the block boundary
                return
            }
        }
    }

    @inline(__always) private func stringStep<T: GuestInt>(_ op: Op, _: T.Type, _ amask: UInt64, _ step: UInt64, _ segBase: UInt64) throws(Trap) {
        let si = r64(48) & amask, di = r64(56) & amask
        switch op {
        case .movs:
            let v: T = try mmu.load(segBase &+ si)
            try mmu.store(di, v)
            set64(48, (si &+ step) & amask); set64(56, (di &+ step) & amask)
        case .stos:
            try mmu.store(di, reg(0, T.self))
            set64(56, (di &+ step) & amask)
        case .lods:
            setReg(0, try mmu.load(segBase &+ si, as: T.self))
            set64(48, (si &+ step) & amask)
        case .cmps:
            let a: T = try mmu.load(segBase &+ si)
            let b: T = try mmu.load(di)
            _ = alu(.cmp, a, b)
            set64(48, (si &+ step) & amask); set64(56, (di &+ step) & amask)
        default: // scas
            let b: T = try mmu.load(di)
            _ = alu(.cmp, reg(0, T.self), b)
            set64(56, (di &+ step) & amask)
        }
    }

    /// rep movs / rep stos going forward, a page-sized piece at a time on host memory.
    /// Returns how many elements remain (the caller finishes those one by one).
    private func bulkString<T: GuestInt>(_ op: Op, _: T.Type, _ total: UInt64, _ segBase: UInt64) throws(Trap) -> UInt64 {
        var count = total
        let size = UInt64(T.byteSize)
        var done = 0
        while count > 0 && done < X86CPU.repSlice * 64 {
            let di = r64(56)
            let dstRoom = (4096 - (di & 0xfff)) / size
            guard dstRoom > 0, let dst = try mmu.hostPointer(di, size: Int(size), access: .write) else { break }
            var n = min(count, dstRoom)
            if op == .movs {
                let si = segBase &+ r64(48)
                let srcRoom = (4096 - (si & 0xfff)) / size
                guard srcRoom > 0, let src = try mmu.hostPointer(si, size: Int(size), access: .read) else { break }
                n = min(n, srcRoom)
                let bytes = Int(n * size)
                // Forward element-by-element copy semantics: overlapping with dst just above src
                // replicates the source pattern, which memmove would not do.
                if dst > src && dst < src + bytes {
                    if dst - src < Int(size) { break }
                    var off = 0
                    while off < bytes {
                        let chunk = min(dst - src, bytes - off)
                        memmove(dst + off, src + off, chunk)
                        off += chunk
                    }
                } else {
                    memmove(dst, src, bytes)
                }
                set64(48, r64(48) &+ n * size)
            } else {
                let v: T = reg(0)
                if T.byteSize == 1 {
                    memset(dst, Int32(truncatingIfNeeded: v), Int(n))
                } else {
                    let p = dst.bindMemory(to: T.self, capacity: Int(n))
                    for i in 0..<Int(n) { (UnsafeMutableRawPointer(p) + i * T.byteSize).storeBytes(of: v, as: T.self) }
                }
            }
            set64(56, di &+ n * size)
            count -= n
            set64(8, count)
            done += Int(n)
        }
        return count
    }
}
