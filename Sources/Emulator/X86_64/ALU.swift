import CHost

/// The eight classic ALU operations in x86 encoding order (opcode bits 5:3, group-1 /r).
enum ALUKind: UInt8 { case add, or, adc, sbb, and, sub, xor, cmp }

extension X86CPU {
    /// Computes `a op b`, records the flags, returns the result (cmp's result is not stored).
    @inline(__always) func alu<T: GuestInt>(_ k: ALUKind, _ a: T, _ b: T) -> T {
        let size = T.byteSize
        switch k {
        case .add:
            let r = a &+ b
            setFlags(.add, size: size, res: r.u64, a: a.u64, b: b.u64)
            return r
        case .or:
            let r = a | b
            setFlags(.logic, size: size, res: r.u64, a: 0, b: 0)
            return r
        case .adc:
            let c = carryFlag
            let r = a &+ b &+ (c ? 1 : 0)
            setFlagsKeepingCarry(.adc, size: size, res: r.u64, a: a.u64, b: b.u64, carry: c)
            return r
        case .sbb:
            let c = carryFlag
            let r = a &- b &- (c ? 1 : 0)
            setFlagsKeepingCarry(.sbb, size: size, res: r.u64, a: a.u64, b: b.u64, carry: c)
            return r
        case .and:
            let r = a & b
            setFlags(.logic, size: size, res: r.u64, a: 0, b: 0)
            return r
        case .sub, .cmp:
            let r = a &- b
            setFlags(.sub, size: size, res: r.u64, a: a.u64, b: b.u64)
            return r
        case .xor:
            let r = a ^ b
            setFlags(.logic, size: size, res: r.u64, a: 0, b: 0)
            return r
        }
    }

    /// Atomic compare-and-swap on host memory backing guest memory.
    @inline(__always) func atomicCAS<T: GuestInt>(_ p: UnsafeMutableRawPointer, _ expected: inout T, _ desired: T) -> Bool {
        switch T.byteSize {
        case 1:
            var e = UInt8(truncatingIfNeeded: expected)
            let ok = host_cas8(p, &e, UInt8(truncatingIfNeeded: desired))
            expected = T(truncatingIfNeeded: e)
            return ok
        case 2:
            var e = UInt16(truncatingIfNeeded: expected)
            let ok = host_cas16(p, &e, UInt16(truncatingIfNeeded: desired))
            expected = T(truncatingIfNeeded: e)
            return ok
        case 4:
            var e = UInt32(truncatingIfNeeded: expected)
            let ok = host_cas32(p, &e, UInt32(truncatingIfNeeded: desired))
            expected = T(truncatingIfNeeded: e)
            return ok
        default:
            var e = UInt64(truncatingIfNeeded: expected)
            let ok = host_cas64(p, &e, UInt64(truncatingIfNeeded: desired))
            expected = T(truncatingIfNeeded: e)
            return ok
        }
    }

    /// Read-modify-write of a memory operand. With `lock` (or when `atomic` is forced) the
    /// update is one host atomic; a locked access that splits a page falls back to a global lock.
    @inline(__always) func modifyMemory<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type, _ body: (T) -> T) throws(Trap) {
        let addr = ea(d)
        if d.pointee.prefix & Instruction.lockPrefix != 0 {
            if let p = try mmu.hostPointer(addr, size: T.byteSize, access: .write) {
                var old: T = p.loadUnaligned(as: T.self)
                while true {
                    let new = body(old)
                    if atomicCAS(p, &old, new) { return }
                }
            }
            splitLock.lock()
            defer { splitLock.unlock() }
        }
        let old: T = try mmu.load(addr)
        let new = body(old)
        try mmu.store(addr, new)
    }

    /// E op= b, for both register (G) and immediate sources.
    @_transparent func aluE<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _ k: ALUKind, _ b: T) throws(Trap) {
        if d.pointee.rm != RegFile.memory {
            let r = alu(k, reg(d.pointee.rm, T.self), b)
            if k != .cmp { setReg(d.pointee.rm, r) }
        } else if k == .cmp {
            _ = alu(k, try mmu.load(ea(d), as: T.self), b)
        } else {
            try modifyMemory(d, T.self) { alu(k, $0, b) }
        }
    }

    @_transparent func aluGE<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _ k: ALUKind, _: T.Type) throws(Trap) {
        let b: T = try readE(d)
        let r = alu(k, reg(d.pointee.reg, T.self), b)
        if k != .cmp { setReg(d.pointee.reg, r) }
    }

    @_transparent func aluEG(_ d: UnsafeMutablePointer<Instruction>, _ k: ALUKind) throws(Trap) {
        switch d.pointee.size {
        case 8: try aluE(d, k, r64(d.pointee.reg))
        case 4: try aluE(d, k, r32(d.pointee.reg))
        case 2: try aluE(d, k, r16(d.pointee.reg))
        default: try aluE(d, k, r8(d.pointee.reg))
        }
    }

    @_transparent func aluGE(_ d: UnsafeMutablePointer<Instruction>, _ k: ALUKind) throws(Trap) {
        switch d.pointee.size {
        case 8: try aluGE(d, k, UInt64.self)
        case 4: try aluGE(d, k, UInt32.self)
        case 2: try aluGE(d, k, UInt16.self)
        default: try aluGE(d, k, UInt8.self)
        }
    }

    @_transparent func aluEI(_ d: UnsafeMutablePointer<Instruction>, _ k: ALUKind) throws(Trap) {
        switch d.pointee.size {
        case 8: try aluE(d, k, d.pointee.imm)
        case 4: try aluE(d, k, UInt32(truncatingIfNeeded: d.pointee.imm))
        case 2: try aluE(d, k, UInt16(truncatingIfNeeded: d.pointee.imm))
        default: try aluE(d, k, UInt8(truncatingIfNeeded: d.pointee.imm))
        }
    }

    // MARK: test, inc, dec, not, neg

    @inline(__always) func test<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _ b: T) throws(Trap) {
        let a: T = try readE(d)
        setFlags(.logic, size: T.byteSize, res: (a & b).u64, a: 0, b: 0)
    }

    @inline(__always) func unaryOp<T: GuestInt>(_ op: Op, _ a: T) -> T {
        let size = T.byteSize
        switch op {
        case .incE:
            let r = a &+ 1
            setFlagsKeepingCarry(.inc, size: size, res: r.u64, a: a.u64, b: 1, carry: carryFlag)
            return r
        case .decE:
            let r = a &- 1
            setFlagsKeepingCarry(.dec, size: size, res: r.u64, a: a.u64, b: 1, carry: carryFlag)
            return r
        case .negE:
            let r = 0 &- a
            setFlags(.neg, size: size, res: r.u64, a: a.u64, b: 0)
            return r
        default:
            return ~a
        }
    }

    @inline(__always) func unary<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _ op: Op, _: T.Type) throws(Trap) {
        if d.pointee.rm != RegFile.memory {
            setReg(d.pointee.rm, unaryOp(op, reg(d.pointee.rm, T.self)))
        } else {
            try modifyMemory(d, T.self) { unaryOp(op, $0) }
        }
    }

    func unary(_ d: UnsafeMutablePointer<Instruction>, _ op: Op) throws(Trap) {
        switch d.pointee.size {
        case 8: try unary(d, op, UInt64.self)
        case 4: try unary(d, op, UInt32.self)
        case 2: try unary(d, op, UInt16.self)
        default: try unary(d, op, UInt8.self)
        }
    }
}

/// Serializes locked accesses that straddle a page (rare; hardware "split locks").
let splitLock = Lock()
