/// Lazy arithmetic flags: instructions record what they did (operation, width, operands,
/// result) and the flags are computed only when something reads them — usually a jcc/setcc/cmov
/// right after a cmp or test, which reads the one condition it needs straight from the operands.
extension X86CPU {
    @inline(__always) func setFlags(_ op: FlagOp, size: Int, res: UInt64, a: UInt64, b: UInt64) {
        flagOp = op
        flagSize = UInt8(truncatingIfNeeded: size)
        flagRes = res
        flagA = a
        flagB = b
    }

    /// For adc/sbb/inc/dec: remember the incoming CF in `flagsValue` first.
    @inline(__always) func setFlagsKeepingCarry(_ op: FlagOp, size: Int, res: UInt64, a: UInt64, b: UInt64, carry: Bool) {
        flagsValue = carry ? EFlags.cf : 0
        setFlags(op, size: size, res: res, a: a, b: b)
    }

    @inline(__always) static func mask(_ size: Int) -> UInt64 { size == 8 ? ~0 : (UInt64(1) << UInt64(size * 8)) &- 1 }
    @inline(__always) static func signBit(_ size: Int) -> UInt64 { UInt64(1) << UInt64(size * 8 - 1) }

    /// CF alone, cheaper than all flags (adc, sbb, rcl, rcr, inc/dec, setc, jc).
    @inline(__always) var carryFlag: Bool {
        switch flagOp {
        case .sub: return flagA < flagB
        case .logic: return false
        case .add: return flagRes < flagA
        default: return arithmeticFlags() & EFlags.cf != 0
        }
    }

    /// The six arithmetic flags, computed from the lazy record.
    func arithmeticFlags() -> UInt64 {
        let size = Int(flagSize)
        let mask = X86CPU.mask(size)
        let sign = X86CPU.signBit(size)
        let res = flagRes & mask
        let a = flagA & mask
        let b = flagB & mask
        var f: UInt64 = 0
        switch flagOp {
        case .none:
            return flagsValue
        case .add:
            if res < a { f |= EFlags.cf }
            if (a ^ res) & (b ^ res) & sign != 0 { f |= EFlags.of }
            f |= (a ^ b ^ res) & EFlags.af
        case .adc:
            let c = flagsValue & EFlags.cf != 0
            if c ? res <= a : res < a { f |= EFlags.cf }
            if (a ^ res) & (b ^ res) & sign != 0 { f |= EFlags.of }
            f |= (a ^ b ^ res) & EFlags.af
        case .sub:
            if a < b { f |= EFlags.cf }
            if (a ^ b) & (a ^ res) & sign != 0 { f |= EFlags.of }
            f |= (a ^ b ^ res) & EFlags.af
        case .sbb:
            let c = flagsValue & EFlags.cf != 0
            if c ? a <= b : a < b { f |= EFlags.cf }
            if (a ^ b) & (a ^ res) & sign != 0 { f |= EFlags.of }
            f |= (a ^ b ^ res) & EFlags.af
        case .logic:
            break
        case .inc:
            f |= flagsValue & EFlags.cf
            if res == sign { f |= EFlags.of }
            if res & 0xf == 0 { f |= EFlags.af }
        case .dec:
            f |= flagsValue & EFlags.cf
            if res == sign &- 1 { f |= EFlags.of }
            if res & 0xf == 0xf { f |= EFlags.af }
        case .neg:
            if a != 0 { f |= EFlags.cf }
            if res == sign { f |= EFlags.of }
            f |= (a ^ res) & EFlags.af
        case .shl:
            // b = count (1...width); the last bit shifted out of the top.
            let bits = UInt64(size * 8)
            let cf = b <= bits ? (a >> (bits &- b)) & 1 : 0
            if cf != 0 { f |= EFlags.cf }
            if ((res & sign) != 0) != (cf != 0) { f |= EFlags.of }
        case .shr:
            if (a >> (b &- 1)) & 1 != 0 { f |= EFlags.cf }
            if a & sign != 0 && b == 1 { f |= EFlags.of }
        case .sar:
            let bits = UInt64(size * 8)
            let sa = Int64(bitPattern: a << (64 &- bits)) >> Int64(64 &- bits)
            if (sa >> Int64(min(b &- 1, 63))) & 1 != 0 { f |= EFlags.cf }
        case .mul:
            if flagA != 0 { f |= EFlags.cf | EFlags.of }
        }
        if res == 0 { f |= EFlags.zf }
        if res & sign != 0 { f |= EFlags.sf }
        if (res & 0xff).nonzeroBitCount & 1 == 0 { f |= EFlags.pf }
        return f
    }

    /// The whole RFLAGS value as pushf sees it.
    public var rflags: UInt64 {
        get { arithmeticFlags() | eflagsOther }
        set {
            flagsValue = newValue & EFlags.arithmetic
            flagOp = .none
            eflagsOther = (newValue & ~EFlags.arithmetic & (EFlags.userWritable | EFlags.if)) | EFlags.alwaysOne
        }
    }

    /// Replace some arithmetic flags, keeping the others (sahf, bt*, rotates, cmpxchg8b...).
    @inline(__always) func setArithmeticFlags(_ bits: UInt64, mask: UInt64) {
        let cur = arithmeticFlags()
        flagsValue = (cur & ~mask) | (bits & mask)
        flagOp = .none
    }

    @inline(__always) var directionFlag: Bool { eflagsOther & EFlags.df != 0 }

    /// Evaluates condition code `cc` (the low nibble of jcc/setcc/cmovcc).
    @inline(__always) func condition(_ cc: UInt8) -> Bool {
        if flagOp == .sub {
            let size = Int(flagSize)
            let shift = UInt64(64 - size * 8)
            let a = flagA << shift, b = flagB << shift
            let r: Bool
            switch cc >> 1 {
            case 0: r = ((a ^ b) & (a ^ (a &- b))) >> 63 != 0         // O
            case 1: r = a < b                                           // B
            case 2: r = a == b                                          // E
            case 3: r = a <= b                                          // BE
            case 4: r = (a &- b) >> 63 != 0                             // S
            case 5: r = ((flagRes & 0xff).nonzeroBitCount & 1) == 0     // P
            case 6: r = Int64(bitPattern: a) < Int64(bitPattern: b)     // L
            default: r = Int64(bitPattern: a) <= Int64(bitPattern: b)   // LE
            }
            return r != (cc & 1 != 0)
        }
        if flagOp == .logic {
            let shift = UInt64(64 - Int(flagSize) * 8)
            let res = flagRes << shift
            let r: Bool
            switch cc >> 1 {
            case 0, 1: r = false                                        // O, B
            case 2: r = res == 0                                        // E
            case 3: r = res == 0                                        // BE
            case 4, 6: r = res >> 63 != 0                               // S, L
            case 5: r = ((flagRes & 0xff).nonzeroBitCount & 1) == 0     // P
            default: r = res == 0 || res >> 63 != 0                     // LE
            }
            return r != (cc & 1 != 0)
        }
        return X86CPU.test(cc, arithmeticFlags())
    }

    static func test(_ cc: UInt8, _ f: UInt64) -> Bool {
        let r: Bool
        switch cc >> 1 {
        case 0: r = f & EFlags.of != 0
        case 1: r = f & EFlags.cf != 0
        case 2: r = f & EFlags.zf != 0
        case 3: r = f & (EFlags.cf | EFlags.zf) != 0
        case 4: r = f & EFlags.sf != 0
        case 5: r = f & EFlags.pf != 0
        case 6: r = (f & EFlags.sf != 0) != (f & EFlags.of != 0)
        default: r = f & EFlags.zf != 0 || (f & EFlags.sf != 0) != (f & EFlags.of != 0)
        }
        return r != (cc & 1 != 0)
    }
}
