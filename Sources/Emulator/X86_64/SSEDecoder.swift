/// Decoder for the SSE part of the 0F, 0F 38 and 0F 3A opcode maps (legacy encodings, no VEX).
/// Each opcode's form is picked by its mandatory prefix; MMX forms (no prefix on the integer
/// opcodes) and prefixes an opcode does not define decode as invalid.
enum SSEDecoder {
    /// The prefix that selects among an opcode's forms. F2/F3 win over 66; of F2 and F3 the
    /// last one counts.
    enum Mandatory { case none, op66, f3, f2 }

    static func mandatory(_ c: DecodeCursor) -> Mandatory {
        switch c.lastRepPrefix {
        case 0xF3: return .f3
        case 0xF2: return .f2
        default: return c.opsize16 ? .op66 : .none
        }
    }

    // MARK: Operand forms

    @inline(__always) static func set(_ d: inout Instruction, _ op: SSEOp) {
        d.op = .sse
        d.sub = UInt16(op.rawValue)
    }

    /// xmm, xmm/m (+ imm8).
    static func xmm(_ c: inout DecodeCursor, _ d: inout Instruction, _ op: SSEOp, imm: Bool = false) {
        byForm(&c, &d, reg: op, mem: op, imm: imm)
    }

    /// xmm, xmm/m with a different operation (or none: invalid) for the register and memory forms.
    static func byForm(_ c: inout DecodeCursor, _ d: inout Instruction, reg: SSEOp?, mem: SSEOp?, imm: Bool = false) {
        c.modrm(&d)
        guard let op = c.mod == 3 ? reg : mem else { d.op = .invalid; return }
        set(&d, op)
        d.reg = UInt8(c.regField)
        if c.mod == 3 { d.rm = UInt8(c.rmField) }
        if imm { d.imm = UInt64(c.u8()) }
    }

    /// xmm/m, xmm (store direction). The register form becomes `reg` with the operands
    /// swapped, so the handler writes `reg`.
    static func store(_ c: inout DecodeCursor, _ d: inout Instruction, reg: SSEOp?, mem: SSEOp) {
        c.modrm(&d)
        if c.mod == 3 {
            guard let op = reg else { d.op = .invalid; return }
            set(&d, op)
            d.reg = UInt8(c.rmField)
            d.rm = UInt8(c.regField)
        } else {
            set(&d, mem)
            d.reg = UInt8(c.regField)
        }
    }

    /// xmm in ModRM.reg, a GPR or memory in ModRM.rm of `size` bytes (movd, cvtsi2sd, pinsr*,
    /// pextr*).
    static func xmmAndGPR(_ c: inout DecodeCursor, _ d: inout Instruction, _ op: SSEOp, size: Int, imm: Bool = false) {
        c.modrm(&d)
        set(&d, op)
        d.size = UInt8(size)
        d.reg = UInt8(c.regField)
        if c.mod == 3 { d.rm = UInt8(c.rmField * 8) }
        if imm { d.imm = UInt64(c.u8()) }
    }

    /// A GPR in ModRM.reg, xmm (or memory unless `registerOnly`) in ModRM.rm (cvt*2si, movmsk*).
    static func gprAndXMM(_ c: inout DecodeCursor, _ d: inout Instruction, _ op: SSEOp, size: Int, registerOnly: Bool = false) {
        c.modrm(&d)
        if registerOnly && c.mod != 3 { d.op = .invalid; return }
        set(&d, op)
        d.size = UInt8(size)
        d.reg = UInt8(c.regField * 8)
        if c.mod == 3 { d.rm = UInt8(c.rmField) }
    }

    /// ps / pd / ss / sd members of an arithmetic opcode, by prefix.
    static func fourWay(_ c: inout DecodeCursor, _ d: inout Instruction, _ p: Mandatory,
                        _ ps: SSEOp, _ pd: SSEOp, _ ss: SSEOp, _ sd: SSEOp, imm: Bool = false) {
        switch p {
        case .none: xmm(&c, &d, ps, imm: imm)
        case .op66: xmm(&c, &d, pd, imm: imm)
        case .f3: xmm(&c, &d, ss, imm: imm)
        case .f2: xmm(&c, &d, sd, imm: imm)
        }
    }

    /// Picks the operation for `p` among the forms an opcode has (nil: not defined).
    static func pick(_ c: inout DecodeCursor, _ d: inout Instruction, _ p: Mandatory, none: SSEOp? = nil,
                     op66: SSEOp? = nil, f3: SSEOp? = nil, f2: SSEOp? = nil, imm: Bool = false) {
        let op: SSEOp?
        switch p {
        case .none: op = none
        case .op66: op = op66
        case .f3: op = f3
        case .f2: op = f2
        }
        guard let op else { invalid(&c, &d); return }
        xmm(&c, &d, op, imm: imm)
    }

    /// An undefined form: consume the ModRM so the reported length is sensible.
    static func invalid(_ c: inout DecodeCursor, _ d: inout Instruction) {
        c.modrm(&d)
        d.op = .invalid
    }

    // MARK: 0F map

    static func decode0F(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) {
        let p = mandatory(c)
        let gprSize = c.rexW ? 8 : 4
        switch b {
        case 0x10:
            switch p {
            case .none, .op66: xmm(&c, &d, .movUnaligned)
            case .f3: byForm(&c, &d, reg: .merge32, mem: .loadZero32)
            case .f2: byForm(&c, &d, reg: .merge64, mem: .loadZero64)
            }
        case 0x11:
            switch p {
            case .none, .op66: store(&c, &d, reg: .movUnaligned, mem: .storeUnaligned)
            case .f3: store(&c, &d, reg: .merge32, mem: .store32)
            case .f2: store(&c, &d, reg: .merge64, mem: .store64)
            }
        case 0x12:
            switch p {
            case .none: byForm(&c, &d, reg: .movhlps, mem: .loadLow64)
            case .op66: byForm(&c, &d, reg: nil, mem: .loadLow64)
            case .f3: xmm(&c, &d, .movsldup)
            case .f2: xmm(&c, &d, .movddup)
            }
        case 0x13, 0x17:
            guard p == .none || p == .op66 else { invalid(&c, &d); return }
            store(&c, &d, reg: nil, mem: b == 0x13 ? .store64 : .storeHigh64)
        case 0x14: pick(&c, &d, p, none: .punpckldq, op66: .punpcklqdq)
        case 0x15: pick(&c, &d, p, none: .punpckhdq, op66: .punpckhqdq)
        case 0x16:
            switch p {
            case .none: xmm(&c, &d, .loadHigh64)
            case .op66: byForm(&c, &d, reg: nil, mem: .loadHigh64)
            case .f3: xmm(&c, &d, .movshdup)
            case .f2: invalid(&c, &d)
            }
        case 0x28: pick(&c, &d, p, none: .movAligned, op66: .movAligned)
        case 0x29, 0x2B:
            guard p == .none || p == .op66 else { invalid(&c, &d); return }
            store(&c, &d, reg: b == 0x29 ? .movAligned : nil, mem: .storeAligned)
        case 0x2A:
            switch p {
            case .f3: xmmAndGPR(&c, &d, .cvtsi2ss, size: gprSize)
            case .f2: xmmAndGPR(&c, &d, .cvtsi2sd, size: gprSize)
            default: invalid(&c, &d)   // cvtpi2ps/cvtpi2pd: MMX
            }
        case 0x2C, 0x2D:
            switch p {
            case .f3: gprAndXMM(&c, &d, b == 0x2C ? .cvttss2si : .cvtss2si, size: gprSize)
            case .f2: gprAndXMM(&c, &d, b == 0x2C ? .cvttsd2si : .cvtsd2si, size: gprSize)
            default: invalid(&c, &d)   // MMX forms
            }
        case 0x2E: pick(&c, &d, p, none: .ucomiss, op66: .ucomisd)
        case 0x2F: pick(&c, &d, p, none: .comiss, op66: .comisd)
        case 0x50:
            switch p {
            case .none: gprAndXMM(&c, &d, .movmskps, size: 8, registerOnly: true)
            case .op66: gprAndXMM(&c, &d, .movmskpd, size: 8, registerOnly: true)
            default: invalid(&c, &d)
            }
        case 0x51: fourWay(&c, &d, p, .sqrtps, .sqrtpd, .sqrtss, .sqrtsd)
        case 0x52: pick(&c, &d, p, none: .rsqrtps, f3: .rsqrtss)
        case 0x53: pick(&c, &d, p, none: .rcpps, f3: .rcpss)
        case 0x54: pick(&c, &d, p, none: .pand, op66: .pand)
        case 0x55: pick(&c, &d, p, none: .pandn, op66: .pandn)
        case 0x56: pick(&c, &d, p, none: .por, op66: .por)
        case 0x57: pick(&c, &d, p, none: .pxor, op66: .pxor)
        case 0x58: fourWay(&c, &d, p, .addps, .addpd, .addss, .addsd)
        case 0x59: fourWay(&c, &d, p, .mulps, .mulpd, .mulss, .mulsd)
        case 0x5A: fourWay(&c, &d, p, .cvtps2pd, .cvtpd2ps, .cvtss2sd, .cvtsd2ss)
        case 0x5B: pick(&c, &d, p, none: .cvtdq2ps, op66: .cvtps2dq, f3: .cvttps2dq)
        case 0x5C: fourWay(&c, &d, p, .subps, .subpd, .subss, .subsd)
        case 0x5D: fourWay(&c, &d, p, .minps, .minpd, .minss, .minsd)
        case 0x5E: fourWay(&c, &d, p, .divps, .divpd, .divss, .divsd)
        case 0x5F: fourWay(&c, &d, p, .maxps, .maxpd, .maxss, .maxsd)
        case 0x6E:
            guard p == .op66 else { invalid(&c, &d); return }
            xmmAndGPR(&c, &d, .movdToXMM, size: gprSize)
        case 0x6F: pick(&c, &d, p, op66: .movAligned, f3: .movUnaligned)
        case 0x70: pick(&c, &d, p, op66: .pshufd, f3: .pshufhw, f2: .pshuflw, imm: true)
        case 0x71, 0x72, 0x73: shiftImmediate(b, p, &c, &d)
        case 0x7C: pick(&c, &d, p, op66: .haddpd, f2: .haddps)
        case 0x7D: pick(&c, &d, p, op66: .hsubpd, f2: .hsubps)
        case 0x7E:
            switch p {
            case .op66: xmmAndGPR(&c, &d, .movdFromXMM, size: gprSize)
            case .f3: xmm(&c, &d, .loadZero64)
            default: invalid(&c, &d)
            }
        case 0x7F:
            switch p {
            case .op66: store(&c, &d, reg: .movAligned, mem: .storeAligned)
            case .f3: store(&c, &d, reg: .movUnaligned, mem: .storeUnaligned)
            default: invalid(&c, &d)
            }
        case 0xC2: fourWay(&c, &d, p, .cmpps, .cmppd, .cmpss, .cmpsd, imm: true)
        case 0xC3:
            c.modrm(&d)
            guard p == .none, c.mod != 3 else { d.op = .invalid; return }
            set(&d, .movnti)
            d.size = UInt8(gprSize)
            d.reg = UInt8(c.regField * 8)
        case 0xC4:
            guard p == .op66 else { invalid(&c, &d); return }
            xmmAndGPR(&c, &d, .pinsr, size: 2, imm: true)
        case 0xC5:
            // pextrw r32, xmm, imm8: recast as the 0F 3A 15 form (xmm in reg, GPR in rm).
            c.modrm(&d)
            guard p == .op66, c.mod == 3 else { d.op = .invalid; return }
            set(&d, .pextr)
            d.size = 2
            d.reg = UInt8(c.rmField)
            d.rm = UInt8(c.regField * 8)
            d.imm = UInt64(c.u8())
        case 0xC6: pick(&c, &d, p, none: .shufps, op66: .shufpd, imm: true)
        case 0xD0: pick(&c, &d, p, op66: .addsubpd, f2: .addsubps)
        case 0xD6:
            guard p == .op66 else { invalid(&c, &d); return }
            store(&c, &d, reg: .loadZero64, mem: .store64)
        case 0xD7:
            guard p == .op66 else { invalid(&c, &d); return }
            gprAndXMM(&c, &d, .pmovmskb, size: 8, registerOnly: true)
        case 0xE6: pick(&c, &d, p, op66: .cvttpd2dq, f3: .cvtdq2pd, f2: .cvtpd2dq)
        case 0xE7:
            guard p == .op66 else { invalid(&c, &d); return }
            store(&c, &d, reg: nil, mem: .storeAligned)
        case 0xF0:
            guard p == .f2 else { invalid(&c, &d); return }
            byForm(&c, &d, reg: nil, mem: .movUnaligned)
        case 0xF7:
            c.modrm(&d)
            guard p == .op66, c.mod == 3 else { d.op = .invalid; return }
            set(&d, .maskmovdqu)
            d.reg = UInt8(c.regField)
            d.rm = UInt8(c.rmField)
            d.seg = c.seg
            if c.addr32 { d.prefix |= Instruction.addr32Prefix }
        case 0x60...0x6D, 0x74...0x76, 0xD1...0xFE:
            guard p == .op66, let op = integer66(b) else { invalid(&c, &d); return }
            xmm(&c, &d, op)
        default:
            d.op = .invalid
        }
    }

    /// The 66-prefixed SSE2 integer opcodes with the plain xmm, xmm/m128 form.
    static func integer66(_ b: UInt8) -> SSEOp? {
        switch b {
        case 0x60: return .punpcklbw
        case 0x61: return .punpcklwd
        case 0x62: return .punpckldq
        case 0x63: return .packsswb
        case 0x64: return .pcmpgtb
        case 0x65: return .pcmpgtw
        case 0x66: return .pcmpgtd
        case 0x67: return .packuswb
        case 0x68: return .punpckhbw
        case 0x69: return .punpckhwd
        case 0x6A: return .punpckhdq
        case 0x6B: return .packssdw
        case 0x6C: return .punpcklqdq
        case 0x6D: return .punpckhqdq
        case 0x74: return .pcmpeqb
        case 0x75: return .pcmpeqw
        case 0x76: return .pcmpeqd
        case 0xD1: return .psrlw
        case 0xD2: return .psrld
        case 0xD3: return .psrlq
        case 0xD4: return .paddq
        case 0xD5: return .pmullw
        case 0xD8: return .psubusb
        case 0xD9: return .psubusw
        case 0xDA: return .pminub
        case 0xDB: return .pand
        case 0xDC: return .paddusb
        case 0xDD: return .paddusw
        case 0xDE: return .pmaxub
        case 0xDF: return .pandn
        case 0xE0: return .pavgb
        case 0xE1: return .psraw
        case 0xE2: return .psrad
        case 0xE3: return .pavgw
        case 0xE4: return .pmulhuw
        case 0xE5: return .pmulhw
        case 0xE8: return .psubsb
        case 0xE9: return .psubsw
        case 0xEA: return .pminsw
        case 0xEB: return .por
        case 0xEC: return .paddsb
        case 0xED: return .paddsw
        case 0xEE: return .pmaxsw
        case 0xEF: return .pxor
        case 0xF1: return .psllw
        case 0xF2: return .pslld
        case 0xF3: return .psllq
        case 0xF4: return .pmuludq
        case 0xF5: return .pmaddwd
        case 0xF6: return .psadbw
        case 0xF8: return .psubb
        case 0xF9: return .psubw
        case 0xFA: return .psubd
        case 0xFB: return .psubq
        case 0xFC: return .paddb
        case 0xFD: return .paddw
        case 0xFE: return .paddd
        default: return nil
        }
    }

    /// 66 0F 71/72/73 /r ib: shifts of an xmm register by an immediate; ModRM.reg selects.
    static func shiftImmediate(_ b: UInt8, _ p: Mandatory, _ c: inout DecodeCursor, _ d: inout Instruction) {
        c.modrm(&d)
        let op: SSEOp?
        switch (b, c.regField & 7) {
        case (0x71, 2): op = .psrlw
        case (0x71, 4): op = .psraw
        case (0x71, 6): op = .psllw
        case (0x72, 2): op = .psrld
        case (0x72, 4): op = .psrad
        case (0x72, 6): op = .pslld
        case (0x73, 2): op = .psrlq
        case (0x73, 3): op = .psrldq
        case (0x73, 6): op = .psllq
        case (0x73, 7): op = .pslldq
        default: op = nil
        }
        d.imm = UInt64(c.u8())
        guard p == .op66, c.mod == 3, let op else { d.op = .invalid; return }
        set(&d, op)
        d.reg = UInt8(c.rmField)
        d.extra = 1
    }

    // MARK: 0F 38 map

    static func decode38(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) {
        if b == 0xF0 || b == 0xF1 {
            // crc32 (F2; movbe without F2 is decoded by the integer decoder).
            c.modrm(&d)
            set(&d, .crc32)
            d.size = UInt8(b == 0xF0 ? 1 : (c.rexW ? 8 : (c.opsize16 ? 2 : 4)))
            d.extra = UInt8(c.rexW ? 8 : 4)
            d.reg = UInt8(c.regField * 8)
            c.rmRegister(&d, size: Int(d.size))
            return
        }
        guard mandatory(c) == .op66, let op = map38(b) else { invalid(&c, &d); return }
        if op == .movAligned {
            byForm(&c, &d, reg: nil, mem: .movAligned)   // movntdqa: memory only
        } else {
            xmm(&c, &d, op)
        }
    }

    static func map38(_ b: UInt8) -> SSEOp? {
        switch b {
        case 0x00: return .pshufb
        case 0x01: return .phaddw
        case 0x02: return .phaddd
        case 0x03: return .phaddsw
        case 0x04: return .pmaddubsw
        case 0x05: return .phsubw
        case 0x06: return .phsubd
        case 0x07: return .phsubsw
        case 0x08: return .psignb
        case 0x09: return .psignw
        case 0x0A: return .psignd
        case 0x0B: return .pmulhrsw
        case 0x10: return .pblendvb
        case 0x14: return .blendvps
        case 0x15: return .blendvpd
        case 0x17: return .ptest
        case 0x1C: return .pabsb
        case 0x1D: return .pabsw
        case 0x1E: return .pabsd
        case 0x20: return .pmovsxbw
        case 0x21: return .pmovsxbd
        case 0x22: return .pmovsxbq
        case 0x23: return .pmovsxwd
        case 0x24: return .pmovsxwq
        case 0x25: return .pmovsxdq
        case 0x28: return .pmuldq
        case 0x29: return .pcmpeqq
        case 0x2A: return .movAligned   // movntdqa
        case 0x2B: return .packusdw
        case 0x30: return .pmovzxbw
        case 0x31: return .pmovzxbd
        case 0x32: return .pmovzxbq
        case 0x33: return .pmovzxwd
        case 0x34: return .pmovzxwq
        case 0x35: return .pmovzxdq
        case 0x37: return .pcmpgtq
        case 0x38: return .pminsb
        case 0x39: return .pminsd
        case 0x3A: return .pminuw
        case 0x3B: return .pminud
        case 0x3C: return .pmaxsb
        case 0x3D: return .pmaxsd
        case 0x3E: return .pmaxuw
        case 0x3F: return .pmaxud
        case 0x40: return .pmulld
        case 0x41: return .phminposuw
        default: return nil
        }
    }

    // MARK: 0F 3A map (every member has an imm8)

    static func decode3A(_ c: inout DecodeCursor, _ d: inout Instruction) {
        let b = c.u8()
        guard mandatory(c) == .op66 else { invalid(&c, &d); _ = c.u8(); return }
        switch b {
        case 0x08: xmm(&c, &d, .roundps, imm: true)
        case 0x09: xmm(&c, &d, .roundpd, imm: true)
        case 0x0A: xmm(&c, &d, .roundss, imm: true)
        case 0x0B: xmm(&c, &d, .roundsd, imm: true)
        case 0x0C: xmm(&c, &d, .blendps, imm: true)
        case 0x0D: xmm(&c, &d, .blendpd, imm: true)
        case 0x0E: xmm(&c, &d, .pblendw, imm: true)
        case 0x0F: xmm(&c, &d, .palignr, imm: true)
        case 0x14: xmmAndGPR(&c, &d, .pextr, size: 1, imm: true)
        case 0x15: xmmAndGPR(&c, &d, .pextr, size: 2, imm: true)
        case 0x16: xmmAndGPR(&c, &d, .pextr, size: c.rexW ? 8 : 4, imm: true)
        case 0x17: xmmAndGPR(&c, &d, .pextr, size: 4, imm: true)   // extractps
        case 0x20: xmmAndGPR(&c, &d, .pinsr, size: 1, imm: true)
        case 0x21: xmm(&c, &d, .insertps, imm: true)
        case 0x22: xmmAndGPR(&c, &d, .pinsr, size: c.rexW ? 8 : 4, imm: true)
        case 0x40: xmm(&c, &d, .dpps, imm: true)
        case 0x41: xmm(&c, &d, .dppd, imm: true)
        case 0x42: xmm(&c, &d, .mpsadbw, imm: true)
        case 0x60: xmm(&c, &d, .pcmpestrm, imm: true)
        case 0x61: xmm(&c, &d, .pcmpestri, imm: true)
        case 0x62: xmm(&c, &d, .pcmpistrm, imm: true)
        case 0x63: xmm(&c, &d, .pcmpistri, imm: true)
        default:
            invalid(&c, &d)
            _ = c.u8()
        }
    }
}
