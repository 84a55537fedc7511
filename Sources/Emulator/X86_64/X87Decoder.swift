import CHost

/// Decoder for the x87 opcode map (D8...DF). Every x87 instruction becomes `Op.x87` with:
/// - `sub`: the `X87Op` (operand shape and stack effect),
/// - `extra`: the host operation (`hx87_op`) that computes it, if any,
/// - `reg`: i of ST(i) for register forms,
/// - `cc`: how many times the instruction pops (0...2), or the condition of fcmovcc,
/// - `size`: the memory operand's size in bytes,
/// - `imm`: the instruction's address in bits 0...47 and its 11-bit x87 opcode (FOP: low three
///   bits of the first byte, then ModRM) in bits 48...58, which fnstenv/fnsave/fxsave report.
enum X87Decoder {
    /// The bits of `imm` that hold the instruction's address.
    static let addressMask: UInt64 = (1 << 48) - 1

    static func decode(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) {
        let m: UInt8 = c.pos < c.available ? c.bytes[c.pos] : 0
        c.modrm(&d)
        d.op = .x87
        let fop = UInt64(b & 7) << 8 | UInt64(m)
        d.imm = (c.pc & addressMask) | fop << 48
        d.reg = m & 7
        let k = Int(m >> 3) & 7
        let i = m & 7
        if c.mod != 3 {
            decodeMemory(b, k, c.opsize16, &d)
        } else {
            decodeRegister(b, k, i, &d)
        }
    }

    /// fwait (9B): checks for pending unmasked x87 exceptions. The integer decoder should send
    /// 9B here instead of decoding it as a nop.
    static func decodeWait(_ d: inout Instruction) {
        d.op = .x87
        d.sub = X87Op.wait.rawValue
    }

    @inline(__always)
    private static func set(_ d: inout Instruction, _ op: X87Op, _ host: hx87_op? = nil, size: Int = 0, pops: Int = 0) {
        d.sub = op.rawValue
        if let h = host { d.extra = UInt8(truncatingIfNeeded: h.rawValue) }
        d.size = UInt8(truncatingIfNeeded: size)
        d.cc = UInt8(truncatingIfNeeded: pops)
    }

    @inline(__always)
    private static func host(_ base: hx87_op, _ k: Int) -> hx87_op { hx87_op(rawValue: base.rawValue + UInt32(k)) }

    /// Arithmetic group with a memory operand (D8, DA, DC, DE): add, mul, com, comp, sub, subr,
    /// div, divr.
    private static func arithmeticMemory(_ d: inout Instruction, _ base: hx87_op, _ k: Int, size: Int) {
        switch k {
        case 2: set(&d, .compareMem, host(base, 2), size: size)
        case 3: set(&d, .compareMem, host(base, 2), size: size, pops: 1)
        default: set(&d, .arithMem, host(base, k), size: size)
        }
    }

    private static func decodeMemory(_ b: UInt8, _ k: Int, _ opsize16: Bool, _ d: inout Instruction) {
        let environmentSize = opsize16 ? 14 : 28
        switch b {
        case 0xD8: arithmeticMemory(&d, HX87_ARITH_M32FP, k, size: 4)
        case 0xDA: arithmeticMemory(&d, HX87_ARITH_M32INT, k, size: 4)
        case 0xDC: arithmeticMemory(&d, HX87_ARITH_M64FP, k, size: 8)
        case 0xDE: arithmeticMemory(&d, HX87_ARITH_M16INT, k, size: 2)
        case 0xD9:
            switch k {
            case 0: set(&d, .loadMem, HX87_FLD_M32FP, size: 4)
            case 2: set(&d, .storeMem, HX87_FSTP_M32FP, size: 4)
            case 3: set(&d, .storeMem, HX87_FSTP_M32FP, size: 4, pops: 1)
            case 4: set(&d, .loadEnvironment, size: environmentSize)
            case 5: set(&d, .loadControl, size: 2)
            case 6: set(&d, .storeEnvironment, size: environmentSize)
            case 7: set(&d, .storeControl, size: 2)
            default: d.op = .invalid
            }
        case 0xDB:
            switch k {
            case 0: set(&d, .loadMem, HX87_FILD_M32, size: 4)
            case 1: set(&d, .storeMem, HX87_FISTTP_M32, size: 4, pops: 1)
            case 2: set(&d, .storeMem, HX87_FISTP_M32, size: 4)
            case 3: set(&d, .storeMem, HX87_FISTP_M32, size: 4, pops: 1)
            case 5: set(&d, .loadExtended, size: 10)
            case 7: set(&d, .storeExtended, size: 10, pops: 1)
            default: d.op = .invalid
            }
        case 0xDD:
            switch k {
            case 0: set(&d, .loadMem, HX87_FLD_M64FP, size: 8)
            case 1: set(&d, .storeMem, HX87_FISTTP_M64, size: 8, pops: 1)
            case 2: set(&d, .storeMem, HX87_FSTP_M64FP, size: 8)
            case 3: set(&d, .storeMem, HX87_FSTP_M64FP, size: 8, pops: 1)
            case 4: set(&d, .restore, size: environmentSize + 80)
            case 6: set(&d, .save, size: environmentSize + 80)
            case 7: set(&d, .storeStatus, size: 2)
            default: d.op = .invalid
            }
        default: // 0xDF
            switch k {
            case 0: set(&d, .loadMem, HX87_FILD_M16, size: 2)
            case 1: set(&d, .storeMem, HX87_FISTTP_M16, size: 2, pops: 1)
            case 2: set(&d, .storeMem, HX87_FISTP_M16, size: 2)
            case 3: set(&d, .storeMem, HX87_FISTP_M16, size: 2, pops: 1)
            case 4: set(&d, .loadMem, HX87_FBLD, size: 10)
            case 5: set(&d, .loadMem, HX87_FILD_M64, size: 8)
            case 6: set(&d, .storeMem, HX87_FBSTP, size: 10, pops: 1)
            default: set(&d, .storeMem, HX87_FISTP_M64, size: 8, pops: 1)
            }
        }
    }

    private static func decodeRegister(_ b: UInt8, _ k: Int, _ i: UInt8, _ d: inout Instruction) {
        switch b {
        case 0xD8:
            switch k {
            case 2: set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2))
            case 3: set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2), pops: 1)
            default: set(&d, .arithST0, host(HX87_ARITH_ST0_STI, k))
            }
        case 0xD9:
            decodeD9Register(k, i, &d)
        case 0xDA:
            switch k {
            case 0...3:
                // fcmovb, fcmove, fcmovbe, fcmovu: the jcc condition codes B, E, BE, P.
                set(&d, .moveIf)
                d.cc = k == 3 ? 0xA : UInt8(2 + 2 * k)
            case 5 where i == 1:
                set(&d, .compareSTi, HX87_FUCOM, pops: 2)   // fucompp
            default: d.op = .invalid
            }
        case 0xDB:
            switch k {
            case 0...3:
                // fcmovnb, fcmovne, fcmovnbe, fcmovnu.
                set(&d, .moveIf)
                d.cc = k == 3 ? 0xB : UInt8(3 + 2 * k)
            case 4:
                switch i {
                case 0, 1, 4: set(&d, .legacyNoOperation)   // fneni, fndisi, fnsetpm: 8087/287 leftovers
                case 2: set(&d, .clearExceptions)
                case 3: set(&d, .initialize)
                default: d.op = .invalid
                }
            case 5: set(&d, .compareEFlags, HX87_FUCOMI)
            case 6: set(&d, .compareEFlags, HX87_FCOMI)
            default: d.op = .invalid
            }
        case 0xDC:
            switch k {
            case 2: set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2))            // fcom alias
            case 3: set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2), pops: 1)   // fcomp alias
            default: set(&d, .arithSTi, host(HX87_ARITH_STI_ST0, k))
            }
        case 0xDD:
            switch k {
            case 0: set(&d, .free)
            case 1: set(&d, .exchange)   // fxch alias
            case 2: set(&d, .storeSTi)
            case 3: set(&d, .storeSTi, pops: 1)
            case 4: set(&d, .compareSTi, HX87_FUCOM)
            case 5: set(&d, .compareSTi, HX87_FUCOM, pops: 1)
            default: d.op = .invalid
            }
        case 0xDE:
            switch k {
            case 2: set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2), pops: 1)   // fcomp alias
            case 3:
                if i == 1 { set(&d, .compareSTi, host(HX87_ARITH_ST0_STI, 2), pops: 2) } else { d.op = .invalid }   // fcompp
            default: set(&d, .arithSTi, host(HX87_ARITH_STI_ST0, k), pops: 1)
            }
        default: // 0xDF
            switch k {
            case 0: set(&d, .free, pops: 1)            // ffreep
            case 1: set(&d, .exchange)                 // fxch alias
            case 2, 3: set(&d, .storeSTi, pops: 1)     // fstp aliases
            case 4:
                if i == 0 { set(&d, .storeStatusAX) } else { d.op = .invalid }
            case 5: set(&d, .compareEFlags, HX87_FUCOMI, pops: 1)
            case 6: set(&d, .compareEFlags, HX87_FCOMI, pops: 1)
            default: d.op = .invalid
            }
        }
    }

    private static func decodeD9Register(_ k: Int, _ i: UInt8, _ d: inout Instruction) {
        switch k {
        case 0: set(&d, .loadSTi)
        case 1: set(&d, .exchange)
        case 2:
            if i == 0 { set(&d, .noOperation) } else { d.op = .invalid }
        case 3: set(&d, .storeSTi, pops: 1)   // fstp alias
        case 4:
            switch i {
            case 0: set(&d, .changeSign)
            case 1: set(&d, .absolute)
            case 4: set(&d, .test, HX87_FTST)
            case 5: set(&d, .examine, HX87_FXAM)
            default: d.op = .invalid
            }
        case 5:
            // fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz.
            if i < 7 { set(&d, .loadConstant, host(HX87_FLD1, Int(i))) } else { d.op = .invalid }
        case 6:
            switch i {
            case 0: set(&d, .unary, HX87_F2XM1)
            case 1: set(&d, .binaryPop, HX87_FYL2X)
            case 2: set(&d, .unaryPush, HX87_FPTAN)
            case 3: set(&d, .binaryPop, HX87_FPATAN)
            case 4: set(&d, .unaryPush, HX87_FXTRACT)
            case 5: set(&d, .binary, HX87_FPREM1)
            case 6: set(&d, .decrementTop)
            default: set(&d, .incrementTop)
            }
        default:
            switch i {
            case 0: set(&d, .binary, HX87_FPREM)
            case 1: set(&d, .binaryPop, HX87_FYL2XP1)
            case 2: set(&d, .unary, HX87_FSQRT)
            case 3: set(&d, .unaryPush, HX87_FSINCOS)
            case 4: set(&d, .unary, HX87_FRNDINT)
            case 5: set(&d, .binary, HX87_FSCALE)
            case 6: set(&d, .unary, HX87_FSIN)
            default: set(&d, .unary, HX87_FCOS)
            }
        }
    }
}
