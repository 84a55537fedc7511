import CHost

/// The x87 instructions by operand shape and stack effect (`Instruction.sub` of `Op.x87`). What
/// is computed is the host operation in `extra`; see `X87Decoder` for the other fields.
/// Order matters: control instructions (which leave FIP/FDP/FOP alone) come last, and of those
/// the ones that do not wait for pending exceptions come at the very end.
enum X87Op: UInt16 {
    /// ST(0) = ST(0) op m (fadd/fmul/fsub/fsubr/fdiv/fdivr m32fp/m64fp, fiadd... m16int/m32int).
    case arithMem
    /// fcom/fcomp/ficom/ficomp m: C0, C2, C3; `cc` pops.
    case compareMem
    /// ST(0) = ST(0) op ST(i) (D8 forms).
    case arithST0
    /// ST(i) = ST(i) op ST(0) (DC forms; DE forms pop).
    case arithSTi
    /// fcom/fcomp/fcompp/fucom/fucomp/fucompp ST(i): C0, C2, C3; `cc` pops.
    case compareSTi
    /// fcomi/fcomip/fucomi/fucomip ST(i): ZF, PF, CF; `cc` pops.
    case compareEFlags
    /// fld m32fp/m64fp, fild m16/m32/m64, fbld: push the converted memory operand.
    case loadMem
    /// fld m80.
    case loadExtended
    /// fld ST(i).
    case loadSTi
    /// fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz.
    case loadConstant
    /// fst/fstp m32fp/m64fp, fist/fistp/fisttp m16/m32/m64, fbstp; `cc` pops.
    case storeMem
    /// fstp m80.
    case storeExtended
    /// fst/fstp ST(i); `cc` pops.
    case storeSTi
    /// ST(0) = f(ST(0)): fsqrt, frndint, f2xm1, fsin, fcos.
    case unary
    /// fptan, fsincos, fxtract: replace ST(0) and push a second result.
    case unaryPush
    /// ftst.
    case test
    /// fxam.
    case examine
    /// ST(0) = f(ST(0), ST(1)): fscale, fprem, fprem1.
    case binary
    /// ST(1) = f(ST(0), ST(1)), then pop: fpatan, fyl2x, fyl2xp1.
    case binaryPop
    /// fxch ST(i).
    case exchange
    /// fchs.
    case changeSign
    /// fabs.
    case absolute
    /// ffree ST(i) (`cc` 1: ffreep).
    case free
    /// fincstp.
    case incrementTop
    /// fdecstp.
    case decrementTop
    /// fnop.
    case noOperation
    /// fcmovcc ST(0), ST(i); `cc` is the jcc condition.
    case moveIf
    // Control instructions that wait for pending exceptions.
    /// fldcw m16.
    case loadControl
    /// fldenv m14/m28.
    case loadEnvironment
    /// frstor m94/m108.
    case restore
    /// fwait.
    case wait
    // Control instructions that do not wait.
    /// fnstsw m16.
    case storeStatus
    /// fnstsw ax.
    case storeStatusAX
    /// fnstcw m16.
    case storeControl
    /// fnclex.
    case clearExceptions
    /// fninit.
    case initialize
    /// fnstenv m14/m28.
    case storeEnvironment
    /// fnsave m94/m108.
    case save
    /// fneni, fndisi, fnsetpm: no operation since the 80387.
    case legacyNoOperation

    /// Instructions that first raise a pending unmasked exception (#MF, SIGFPE).
    @inline(__always) var waits: Bool { rawValue < X87Op.storeStatus.rawValue }
    /// Control instructions do not change the last-instruction pointers.
    @inline(__always) var isControl: Bool { rawValue >= X87Op.loadControl.rawValue }
}

/// x87 status word bits.
enum X87Status {
    static let invalid: UInt16 = 0x0001
    static let denormal: UInt16 = 0x0002
    static let zeroDivide: UInt16 = 0x0004
    static let overflow: UInt16 = 0x0008
    static let underflow: UInt16 = 0x0010
    static let precision: UInt16 = 0x0020
    static let stackFault: UInt16 = 0x0040
    /// Error summary: some exception flag is set whose mask is clear.
    static let errorSummary: UInt16 = 0x0080
    static let c0: UInt16 = 0x0100
    static let c1: UInt16 = 0x0200
    static let c2: UInt16 = 0x0400
    static let c3: UInt16 = 0x4000
    static let busy: UInt16 = 0x8000
    static let top: UInt16 = 0x3800
    /// The six exception flags (and, in the control word, their masks).
    static let exceptions: UInt16 = 0x3F
    /// Exceptions detected before computing: if unmasked, the instruction delivers nothing.
    static let preComputation: UInt16 = invalid | denormal | zeroDivide
    static let conditions: UInt16 = c0 | c1 | c2 | c3
}

/// x87 control word values.
enum X87Control {
    static let initial: UInt16 = 0x037F
    /// Bits that exist: exception masks, PC, RC, X; bit 6 always reads as one.
    static let writable: UInt16 = 0x1F3F
    static let alwaysOne: UInt16 = 0x0040
}

/// The QNaN "real indefinite", the masked response of invalid operations.
enum X87Indefinite {
    static let significand: UInt64 = 0xC000_0000_0000_0000
    static let signExponent: UInt16 = 0xFFFF
}

/// Operand and result space for one host operation, laid out as `hx87_exec` expects: the
/// memory operand (up to 10 bytes), then two 16-byte result slots (host ST(0), ST(1)).
struct X87HostBuffers {
    var mem: UInt64 = 0
    var memHigh: UInt64 = 0
    var out0: UInt64 = 0
    var out0High: UInt64 = 0
    var out1: UInt64 = 0
    var out1High: UInt64 = 0
}

// Register stack, exception bookkeeping, and the handlers. Values live in X87State as 80-bit
// numbers in physical registers; ST(i) is physical register (top + i) & 7.
extension X86CPU {
    // MARK: Register stack

    @inline(__always) func stPhysical(_ i: Int) -> Int { (x87.top &+ i) & 7 }
    @inline(__always) func stSlot(_ i: Int) -> UnsafeMutableRawPointer { x87.regs + stPhysical(i) * 16 }
    @inline(__always) func stIsEmpty(_ i: Int) -> Bool { x87.tagValid & (1 << UInt8(stPhysical(i))) == 0 }

    /// Writes ST(i) and tags it valid.
    @inline(__always) func stStore(_ i: Int, _ significand: UInt64, _ signExponent: UInt16) {
        let p = stSlot(i)
        p.storeBytes(of: significand, as: UInt64.self)
        p.storeBytes(of: signExponent, toByteOffset: 8, as: UInt16.self)
        x87.tagValid |= 1 << UInt8(stPhysical(i))
    }

    @inline(__always) func stLoad(_ i: Int) -> (UInt64, UInt16) {
        let p = stSlot(i)
        return (p.load(as: UInt64.self), p.load(fromByteOffset: 8, as: UInt16.self))
    }

    @inline(__always) func stStoreIndefinite(_ i: Int) {
        stStore(i, X87Indefinite.significand, X87Indefinite.signExponent)
    }

    @inline(__always) func x87Push(_ significand: UInt64, _ signExponent: UInt16) {
        x87.top = (x87.top &- 1) & 7
        stStore(0, significand, signExponent)
    }

    @inline(__always) func x87Pop(_ count: UInt8) {
        for _ in 0..<count {
            x87.tagValid &= ~(1 << UInt8(x87.top))
            x87.top = (x87.top &+ 1) & 7
        }
    }

    /// The status word as the guest reads it, with TOP.
    var x87StatusWord: UInt16 { (x87.status & ~X87Status.top) | UInt16(x87.top) << 11 }

    func setX87StatusWord(_ v: UInt16) {
        x87.top = Int(v >> 11) & 7
        x87.status = v & ~X87Status.top
    }

    func setX87ControlWord(_ v: UInt16) {
        x87.control = (v & X87Control.writable) | X87Control.alwaysOne
    }

    /// Recomputes ES and B from the exception flags and masks (after fldcw, fldenv, frstor, fxrstor).
    func refreshX87ErrorSummary() {
        if x87.status & ~x87.control & X87Status.exceptions != 0 {
            x87.status |= X87Status.errorSummary | X87Status.busy
        } else {
            x87.status &= ~(X87Status.errorSummary | X87Status.busy)
        }
    }

    /// fninit: default control word, empty stack, clear status and pointers (register contents stay).
    func initializeX87() {
        x87.control = X87Control.initial
        x87.status = 0
        x87.top = 0
        x87.tagValid = 0
        x87.lastIP = 0
        x87.lastDP = 0
        x87.lastOpcode = 0
    }

    // MARK: Exceptions

    /// Records a stack overflow or underflow (IE and SF, C1 = 1 for overflow, 0 for underflow).
    /// Returns true when invalid-operation is masked: the caller then delivers the masked
    /// response (the indefinite); otherwise the instruction changes nothing else.
    @inline(__always) func x87StackFault(overflow: Bool) -> Bool {
        var s = x87.status | X87Status.invalid | X87Status.stackFault
        s = overflow ? s | X87Status.c1 : s & ~X87Status.c1
        if x87.control & X87Status.invalid == 0 {
            x87.status = s | X87Status.errorSummary | X87Status.busy
            return false
        }
        x87.status = s
        return true
    }

    /// The status word after a host operation that reported `host`, taking the condition bits
    /// in `conditions` from the host (the others keep their values, as the hardware leaves
    /// them). `deliver` is false when an unmasked exception stops the instruction from writing
    /// results: invalid, denormal and zero-divide always; overflow and underflow too when the
    /// destination is memory. Unmasked exceptions set ES and B, and trap at the next waiting
    /// x87 instruction, as on the hardware.
    @inline(__always) func x87Resolve(_ host: UInt16, conditions: UInt16, memoryDestination: Bool = false) -> (status: UInt16, deliver: Bool) {
        let flags = host & X87Status.exceptions
        let unmasked = flags & ~x87.control & X87Status.exceptions
        if _fastPath(unmasked == 0) {
            return ((x87.status & ~conditions) | (host & conditions) | flags, true)
        }
        let stops = X87Status.preComputation | (memoryDestination ? X87Status.overflow | X87Status.underflow : 0)
        let pending = X87Status.errorSummary | X87Status.busy
        if unmasked & stops != 0 {
            let reported = unmasked & X87Status.preComputation != 0 ? flags & X87Status.preComputation : flags
            return (x87.status | reported | pending, false)
        }
        return ((x87.status & ~conditions) | (host & conditions) | flags | pending, true)
    }

    /// Applies a host operation's status; true if the caller should write its results.
    @inline(__always) func x87Commit(_ host: UInt16, conditions: UInt16) -> Bool {
        let r = x87Resolve(host, conditions: conditions)
        x87.status = r.status
        return r.deliver
    }

    @inline(__always) func clearC1() { x87.status &= ~X87Status.c1 }

    // MARK: Host operations and memory operands

    /// Runs host operation `op` on the given registers and `b.mem`; of the results (host ST(0),
    /// ST(1)) those in `keep` (bit 0, bit 1) land in `b.out0`, `b.out1`.
    @inline(__always) func x87Host(_ op: UInt8, _ st0: UnsafeRawPointer?, _ st1: UnsafeRawPointer?, keep: UInt32,
                                   _ b: inout X87HostBuffers) -> hx87_result {
        let cw = x87.control
        let sw = x87.status
        return withUnsafeMutableBytes(of: &b) { p in
            hx87_exec(UInt32(op), cw, sw, keep, st0, st1, p.baseAddress, p.baseAddress.unsafelyUnwrapped + 16)
        }
    }

    /// Reads a memory operand of 2, 4, 8 or 10 bytes into `b.mem`, `b.memHigh`.
    @inline(__always) func x87ReadOperand(_ addr: UInt64, size: UInt8, into b: inout X87HostBuffers) throws(Trap) {
        switch size {
        case 2: b.mem = UInt64(try mmu.load(addr, as: UInt16.self))
        case 4: b.mem = UInt64(try mmu.load(addr, as: UInt32.self))
        case 8: b.mem = try mmu.load(addr, as: UInt64.self)
        default:
            b.mem = try mmu.load(addr, as: UInt64.self)
            b.memHigh = UInt64(try mmu.load(addr &+ 8, as: UInt16.self))
        }
    }

    /// Writes a memory operand of 2, 4, 8 or 10 bytes; a fault leaves memory unchanged.
    @inline(__always) func x87WriteOperand(_ addr: UInt64, size: UInt8, _ low: UInt64, _ high: UInt64) throws(Trap) {
        switch size {
        case 2: try mmu.store(addr, UInt16(truncatingIfNeeded: low))
        case 4: try mmu.store(addr, UInt32(truncatingIfNeeded: low))
        case 8: try mmu.store(addr, low)
        default:
            try probeWrite(addr, count: 10)
            try mmu.store(addr, low)
            try mmu.store(addr &+ 8, UInt16(truncatingIfNeeded: high))
        }
    }

    /// Makes sure all of `count` bytes at `addr` can be written before any is, so that a store
    /// that faults changes no memory. Only a range that crosses a page needs checking.
    func probeWrite(_ addr: UInt64, count: Int) throws(Trap) {
        if (addr & 0xfff) &+ UInt64(count) > 0x1000 {
            _ = try mmu.hostPointer(addr, size: 1, access: .write)
            _ = try mmu.hostPointer((addr | 0xfff) &+ 1, size: 1, access: .write)   // reports the first byte of the page
        }
    }

    /// Like `probeWrite`, for loads that must all succeed before state changes.
    func probeRead(_ addr: UInt64, count: Int) throws(Trap) {
        if (addr & 0xfff) &+ UInt64(count) > 0x1000 {
            _ = try mmu.hostPointer(addr, size: 1, access: .read)
            _ = try mmu.hostPointer((addr | 0xfff) &+ 1, size: 1, access: .read)
        }
    }

    /// The address of the memory operand; also records it as the last data pointer.
    @inline(__always) func x87OperandAddress(_ d: UnsafeMutablePointer<Instruction>) -> UInt64 {
        let addr = ea(d)
        x87.lastDP = addr &- r64(d.pointee.seg)
        return addr
    }

    /// What a store from an empty register writes when invalid-operation is masked: the
    /// indefinite of the destination format.
    static func x87StoreIndefinite(_ op: UInt8) -> (UInt64, UInt64) {
        switch UInt32(op) {
        case HX87_FSTP_M32FP.rawValue: return (0xFFC0_0000, 0)
        case HX87_FSTP_M64FP.rawValue: return (0xFFF8_0000_0000_0000, 0)
        case HX87_FISTP_M16.rawValue, HX87_FISTTP_M16.rawValue: return (0x8000, 0)
        case HX87_FISTP_M32.rawValue, HX87_FISTTP_M32.rawValue: return (0x8000_0000, 0)
        case HX87_FISTP_M64.rawValue, HX87_FISTTP_M64.rawValue: return (0x8000_0000_0000_0000, 0)
        default: return (X87Indefinite.significand, UInt64(X87Indefinite.signExponent))   // fbstp: packed BCD indefinite
        }
    }

    /// The condition bits a host operation defines (the others keep their values).
    static func x87HostConditions(_ op: UInt8) -> UInt16 {
        switch UInt32(op) {
        case HX87_FSIN.rawValue, HX87_FCOS.rawValue, HX87_FPTAN.rawValue, HX87_FSINCOS.rawValue:
            return X87Status.c1 | X87Status.c2
        case HX87_FPREM.rawValue, HX87_FPREM1.rawValue, HX87_FTST.rawValue, HX87_FXAM.rawValue:
            return X87Status.conditions
        default:
            return X87Status.c1
        }
    }

    // MARK: Execution

    func executeX87(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let op = X87Op(rawValue: d.pointee.sub).unsafelyUnwrapped
        // A pending unmasked exception is delivered before the next waiting instruction runs.
        if op.waits && x87.status & X87Status.errorSummary != 0 { throw Trap(kind: .floatingPoint) }
        if !op.isControl {
            x87.lastIP = d.pointee.imm & X87Decoder.addressMask
            x87.lastOpcode = UInt16(truncatingIfNeeded: d.pointee.imm >> 48)
        }
        let i = Int(d.pointee.reg)
        let pops = d.pointee.cc
        let hostOp = d.pointee.extra
        var b = X87HostBuffers()
        switch op {
        case .arithMem:
            let addr = x87OperandAddress(d)
            try x87ReadOperand(addr, size: d.pointee.size, into: &b)
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 1, &b)
            if x87Commit(r.status, conditions: X87Status.c1) { stStore(0, b.out0, UInt16(truncatingIfNeeded: b.out0High)) }

        case .compareMem:
            let addr = x87OperandAddress(d)
            try x87ReadOperand(addr, size: d.pointee.size, into: &b)
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) {
                    x87.status |= X87Status.c0 | X87Status.c2 | X87Status.c3
                    x87Pop(pops)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 0, &b)
            if x87Commit(r.status, conditions: X87Status.conditions) { x87Pop(pops) }

        case .arithST0:
            if stIsEmpty(0) || stIsEmpty(i) {
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(i), keep: 1, &b)
            if x87Commit(r.status, conditions: X87Status.c1) { stStore(0, b.out0, UInt16(truncatingIfNeeded: b.out0High)) }

        case .arithSTi:
            if stIsEmpty(0) || stIsEmpty(i) {
                if x87StackFault(overflow: false) {
                    stStoreIndefinite(i)
                    x87Pop(pops)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(i), keep: 2, &b)
            if x87Commit(r.status, conditions: X87Status.c1) {
                stStore(i, b.out1, UInt16(truncatingIfNeeded: b.out1High))
                x87Pop(pops)
            }

        case .compareSTi:
            if stIsEmpty(0) || stIsEmpty(i) {
                if x87StackFault(overflow: false) {
                    x87.status |= X87Status.c0 | X87Status.c2 | X87Status.c3
                    x87Pop(pops)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(i), keep: 0, &b)
            if x87Commit(r.status, conditions: X87Status.conditions) { x87Pop(pops) }

        case .compareEFlags:
            if stIsEmpty(0) || stIsEmpty(i) {
                if x87StackFault(overflow: false) {
                    setArithmeticFlags(EFlags.zf | EFlags.pf | EFlags.cf, mask: EFlags.arithmetic)
                    x87Pop(pops)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(i), keep: 0, &b)
            if x87Commit(r.status, conditions: X87Status.c1) {
                setArithmeticFlags(UInt64(r.eflags), mask: EFlags.arithmetic)
                x87Pop(pops)
            }

        case .loadMem:
            let addr = x87OperandAddress(d)
            try x87ReadOperand(addr, size: d.pointee.size, into: &b)
            if !stIsEmpty(7) {
                if x87StackFault(overflow: true) { x87Push(X87Indefinite.significand, X87Indefinite.signExponent) }
                return
            }
            let r = x87Host(hostOp, nil, nil, keep: 1, &b)
            if x87Commit(r.status, conditions: X87Status.c1) { x87Push(b.out0, UInt16(truncatingIfNeeded: b.out0High)) }

        case .loadExtended:
            let addr = x87OperandAddress(d)
            try x87ReadOperand(addr, size: 10, into: &b)
            if !stIsEmpty(7) {
                if x87StackFault(overflow: true) { x87Push(X87Indefinite.significand, X87Indefinite.signExponent) }
                return
            }
            clearC1()
            x87Push(b.mem, UInt16(truncatingIfNeeded: b.memHigh))

        case .loadSTi:
            if !stIsEmpty(7) {
                if x87StackFault(overflow: true) { x87Push(X87Indefinite.significand, X87Indefinite.signExponent) }
                return
            }
            if stIsEmpty(i) {
                if x87StackFault(overflow: false) { x87Push(X87Indefinite.significand, X87Indefinite.signExponent) }
                return
            }
            clearC1()
            let (m, e) = stLoad(i)
            x87Push(m, e)

        case .loadConstant:
            if !stIsEmpty(7) {
                if x87StackFault(overflow: true) { x87Push(X87Indefinite.significand, X87Indefinite.signExponent) }
                return
            }
            let r = x87Host(hostOp, nil, nil, keep: 1, &b)
            if x87Commit(r.status, conditions: X87Status.c1) { x87Push(b.out0, UInt16(truncatingIfNeeded: b.out0High)) }

        case .storeMem:
            let addr = x87OperandAddress(d)
            if stIsEmpty(0) {
                guard x87.control & X87Status.invalid != 0 else { _ = x87StackFault(overflow: false); return }
                let (low, high) = X86CPU.x87StoreIndefinite(hostOp)
                try x87WriteOperand(addr, size: d.pointee.size, low, high)
                _ = x87StackFault(overflow: false)
                x87Pop(pops)
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 0, &b)
            let (status, deliver) = x87Resolve(r.status, conditions: X87Status.c1, memoryDestination: true)
            if deliver { try x87WriteOperand(addr, size: d.pointee.size, b.mem, b.memHigh) }
            x87.status = status
            if deliver { x87Pop(pops) }

        case .storeExtended:
            let addr = x87OperandAddress(d)
            if stIsEmpty(0) {
                guard x87.control & X87Status.invalid != 0 else { _ = x87StackFault(overflow: false); return }
                try x87WriteOperand(addr, size: 10, X87Indefinite.significand, UInt64(X87Indefinite.signExponent))
                _ = x87StackFault(overflow: false)
            } else {
                let (m, e) = stLoad(0)
                try x87WriteOperand(addr, size: 10, m, UInt64(e))
                clearC1()
            }
            x87Pop(pops)

        case .storeSTi:
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) {
                    stStoreIndefinite(i)
                    x87Pop(pops)
                }
                return
            }
            clearC1()
            let (m, e) = stLoad(0)
            stStore(i, m, e)
            x87Pop(pops)

        case .unary:
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 1, &b)
            if x87Commit(r.status, conditions: X86CPU.x87HostConditions(hostOp)) {
                stStore(0, b.out0, UInt16(truncatingIfNeeded: b.out0High))
            }

        case .unaryPush:
            let empty = stIsEmpty(0)
            if empty || !stIsEmpty(7) {
                if x87StackFault(overflow: !empty) {
                    stStoreIndefinite(0)
                    x87Push(X87Indefinite.significand, X87Indefinite.signExponent)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 3, &b)
            if x87Commit(r.status, conditions: X86CPU.x87HostConditions(hostOp)) {
                if r.depth == 2 {
                    stStore(0, b.out1, UInt16(truncatingIfNeeded: b.out1High))
                    x87Push(b.out0, UInt16(truncatingIfNeeded: b.out0High))
                } else {
                    // fptan and fsincos leave an out-of-range operand alone (C2 = 1).
                    stStore(0, b.out0, UInt16(truncatingIfNeeded: b.out0High))
                }
            }

        case .test:
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) { x87.status |= X87Status.c0 | X87Status.c2 | X87Status.c3 }
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 0, &b)
            _ = x87Commit(r.status, conditions: X87Status.conditions)

        case .examine:
            if stIsEmpty(0) {
                // Empty: C3 C2 C0 = 101; C1 is the sign of whatever the register holds.
                let sign = stLoad(0).1 & 0x8000 != 0
                x87.status = (x87.status & ~X87Status.conditions) | X87Status.c3 | X87Status.c0 | (sign ? X87Status.c1 : 0)
                return
            }
            let r = x87Host(hostOp, stSlot(0), nil, keep: 0, &b)
            _ = x87Commit(r.status, conditions: X87Status.conditions)

        case .binary:
            if stIsEmpty(0) || stIsEmpty(1) {
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(1), keep: 1, &b)
            if x87Commit(r.status, conditions: X86CPU.x87HostConditions(hostOp)) {
                stStore(0, b.out0, UInt16(truncatingIfNeeded: b.out0High))
            }

        case .binaryPop:
            if stIsEmpty(0) || stIsEmpty(1) {
                if x87StackFault(overflow: false) {
                    stStoreIndefinite(1)
                    x87Pop(1)
                }
                return
            }
            let r = x87Host(hostOp, stSlot(0), stSlot(1), keep: 1, &b)
            if x87Commit(r.status, conditions: X87Status.c1) {
                stStore(1, b.out0, UInt16(truncatingIfNeeded: b.out0High))
                x87Pop(1)
            }

        case .exchange:
            if stIsEmpty(0) || stIsEmpty(i) {
                guard x87StackFault(overflow: false) else { return }
                if stIsEmpty(0) { stStoreIndefinite(0) }
                if stIsEmpty(i) { stStoreIndefinite(i) }
            } else {
                clearC1()
            }
            let a = stLoad(0), c = stLoad(i)
            stStore(0, c.0, c.1)
            stStore(i, a.0, a.1)

        case .changeSign, .absolute:
            if stIsEmpty(0) {
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            clearC1()
            let (m, e) = stLoad(0)
            stStore(0, m, op == .changeSign ? e ^ 0x8000 : e & 0x7FFF)

        case .free:
            x87.tagValid &= ~(1 << UInt8(stPhysical(i)))
            clearC1()
            x87Pop(pops)

        case .incrementTop:
            x87.top = (x87.top &+ 1) & 7
            clearC1()

        case .decrementTop:
            x87.top = (x87.top &- 1) & 7
            clearC1()

        case .noOperation, .wait, .legacyNoOperation:
            break

        case .moveIf:
            if stIsEmpty(0) || stIsEmpty(i) {
                // The hardware reports the underflow whatever the condition.
                if x87StackFault(overflow: false) { stStoreIndefinite(0) }
                return
            }
            clearC1()
            if condition(d.pointee.cc) {
                let (m, e) = stLoad(i)
                stStore(0, m, e)
            }

        case .loadControl:
            setX87ControlWord(try mmu.load(ea(d), as: UInt16.self))
            refreshX87ErrorSummary()

        case .storeStatus:
            try mmu.store(ea(d), x87StatusWord)

        case .storeStatusAX:
            set16(0, x87StatusWord)

        case .storeControl:
            try mmu.store(ea(d), x87.control)

        case .clearExceptions:
            x87.status &= ~(X87Status.exceptions | X87Status.stackFault | X87Status.errorSummary | X87Status.busy)

        case .initialize:
            initializeX87()

        case .loadEnvironment:
            try loadX87Environment(ea(d), sixteenBit: d.pointee.size == 14)

        case .storeEnvironment:
            try storeX87Environment(ea(d), sixteenBit: d.pointee.size == 14)

        case .save:
            try saveX87(ea(d), sixteenBit: d.pointee.size == 94)

        case .restore:
            try restoreX87(ea(d), sixteenBit: d.pointee.size == 94)
        }
    }
}
