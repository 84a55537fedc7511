/// The outcome of decoding at one address.
enum DecodeResult {
    case instruction(Instruction)
    /// The bytes ran out before the instruction ended (the next page is not executable).
    case truncated
}

/// Decoder position and prefix state for one instruction.
struct DecodeCursor {
    let bytes: UnsafePointer<UInt8>
    let available: Int
    let pc: UInt64
    var pos = 0
    var rex: UInt8 = 0
    var hasRex = false
    var opsize16 = false
    var addr32 = false
    var rep = false      // F3
    var repne = false    // F2
    /// The last of F2/F3 seen (mandatory-prefix selection for SSE uses the last one).
    var lastRepPrefix: UInt8 = 0
    var lock = false
    var seg: UInt8 = RegFile.zero
    var outOfBytes = false
    // ModRM pieces
    var mod: UInt8 = 0
    var regField: Int = 0   // with REX.R
    var rmField: Int = 0    // with REX.B (register form)
    var ripRelative = false

    init(bytes: UnsafePointer<UInt8>, available: Int, pc: UInt64) {
        self.bytes = bytes
        self.available = available
        self.pc = pc
    }

    var rexW: Bool { rex & 8 != 0 }
    var rexR: Int { Int(rex & 4) << 1 }
    var rexX: Int { Int(rex & 2) << 2 }
    var rexB: Int { Int(rex & 1) << 3 }

    mutating func u8() -> UInt8 {
        guard pos < available, pos < 15 else { outOfBytes = true; return 0 }
        let b = bytes[pos]
        pos += 1
        return b
    }
    mutating func u16() -> UInt16 { let lo = UInt16(u8()); return lo | UInt16(u8()) << 8 }
    mutating func u32() -> UInt32 { let lo = UInt32(u16()); return lo | UInt32(u16()) << 16 }
    mutating func u64() -> UInt64 { let lo = UInt64(u32()); return lo | UInt64(u32()) << 32 }
    mutating func imm8s() -> UInt64 { UInt64(bitPattern: Int64(Int8(bitPattern: u8()))) }
    mutating func imm16s() -> UInt64 { UInt64(bitPattern: Int64(Int16(bitPattern: u16()))) }
    mutating func imm32s() -> UInt64 { UInt64(bitPattern: Int64(Int32(bitPattern: u32()))) }
    /// Iz: 16 bits with a 66 prefix, else 32 bits sign-extended.
    mutating func immZ(_ size: Int) -> UInt64 { size == 2 ? imm16s() : imm32s() }

    /// Operand size for ordinary instructions: 8 with REX.W, 2 with 66, else 4.
    var vSize: Int { rexW ? 8 : (opsize16 ? 2 : 4) }
    /// Operand size for instructions that default to 64 bits in long mode (push, pop, near branches).
    var stackSize: Int { opsize16 ? 2 : 8 }

    /// Register byte offset for GPR `n` at `size` (ah/ch/dh/bh without REX for 8-bit 4...7).
    func gpr(_ n: Int, size: Int) -> UInt8 {
        if size == 1 && !hasRex && n >= 4 && n < 8 { return UInt8((n - 4) * 8 + 1) }
        return UInt8(n * 8)
    }

    /// Parses ModRM (and SIB, displacement) into `insn`'s memory fields; sets regField/rmField.
    mutating func modrm(_ insn: inout Instruction) {
        let m = u8()
        mod = m >> 6
        regField = Int((m >> 3) & 7) | rexR
        let rm = Int(m & 7)
        if mod == 3 {
            rmField = rm | rexB
            return
        }
        insn.rm = RegFile.memory
        insn.seg = seg
        var disp: UInt64 = 0
        if rm == 4 {
            let sib = u8()
            let scale = sib >> 6
            let index = Int((sib >> 3) & 7) | rexX
            let base = Int(sib & 7)
            insn.scale = scale
            insn.index = index == 4 ? RegFile.zero : UInt8(index * 8)
            if base == 5 && mod == 0 {
                insn.base = RegFile.zero
                disp = imm32s()
            } else {
                insn.base = UInt8((base | rexB) * 8)
            }
        } else if rm == 5 && mod == 0 {
            ripRelative = true
            insn.base = RegFile.zero
            disp = imm32s()
        } else {
            insn.base = UInt8((rm | rexB) * 8)
        }
        if mod == 1 { disp = imm8s() } else if mod == 2 { disp = imm32s() }
        insn.disp = disp
        if addr32 { insn.prefix |= Instruction.addr32Prefix }
    }

    /// Sets the rm operand to a register (if ModRM said so) at `size`.
    mutating func rmRegister(_ insn: inout Instruction, size: Int) {
        if mod == 3 { insn.rm = gpr(rmField, size: size) }
    }
}

/// x86-64 instruction decoder: bytes to `Instruction`, for the integer ISA; SSE and x87 opcode
/// maps are decoded in SSEDecode.swift and X87.swift.
enum Decoder {
    static func decode(_ bytes: UnsafePointer<UInt8>, available: Int, pc: UInt64) -> DecodeResult {
        var c = DecodeCursor(bytes: bytes, available: available, pc: pc)
        var d = Instruction()
        // Prefixes.
        var b: UInt8
        prefixLoop: while true {
            b = c.u8()
            if c.outOfBytes { return .truncated }
            switch b {
            case 0x66: c.opsize16 = true
            case 0x67: c.addr32 = true
            case 0xF0: c.lock = true
            case 0xF2: c.repne = true; c.lastRepPrefix = 0xF2
            case 0xF3: c.rep = true; c.lastRepPrefix = 0xF3
            case 0x2E, 0x36, 0x3E, 0x26: break
            case 0x64: c.seg = RegFile.fsBase
            case 0x65: c.seg = RegFile.gsBase
            case 0x40...0x4F:
                // REX counts only right before the opcode: a prefix or another REX after it cancels it.
                c.rex = b
                c.hasRex = true
                continue prefixLoop
            default: break prefixLoop
            }
            c.rex = 0
            c.hasRex = false
        }
        if c.lock { d.prefix |= Instruction.lockPrefix }
        if c.rep { d.prefix |= Instruction.repPrefix }
        if c.repne { d.prefix |= Instruction.repnePrefix }
        if c.opsize16 { d.prefix |= Instruction.opsizePrefix }
        if c.hasRex { d.prefix |= Instruction.rexPrefix }
        if c.rexW { d.prefix |= Instruction.rexW }
        if b == 0x0F {
            decodeTwoByte(&c, &d)
        } else {
            decodeOneByte(b, &c, &d)
        }
        if c.outOfBytes {
            return c.pos < 15 && c.pos >= available ? .truncated : .instruction(invalid(&c))
        }
        d.length = UInt8(c.pos)
        if c.ripRelative { d.disp = pc &+ UInt64(c.pos) &+ d.disp }
        if d.op != .invalid && c.lock && !lockAllowed(d, c) { return .instruction(invalid(&c)) }
        return .instruction(d)
    }

    static func invalid(_ c: inout DecodeCursor) -> Instruction {
        var d = Instruction()
        d.op = .invalid
        d.length = UInt8(max(1, min(c.pos, 15)))
        return d
    }

    /// lock is valid only on read-modify-write instructions with a memory destination.
    static func lockAllowed(_ d: Instruction, _ c: DecodeCursor) -> Bool {
        guard d.isMemory else { return false }
        switch d.op {
        case .addEG, .addEI, .orEG, .orEI, .adcEG, .adcEI, .sbbEG, .sbbEI, .andEG, .andEI,
             .subEG, .subEI, .xorEG, .xorEI, .incE, .decE, .notE, .negE, .xchgEG, .xaddEG,
             .cmpxchgEG, .cmpxchg8b, .cmpxchg16b:
            return true
        case .btE:
            return d.cc != 0
        default:
            return false
        }
    }

    static let aluOps: [(Op, Op, Op)] = [
        (.addEG, .addGE, .addEI), (.orEG, .orGE, .orEI), (.adcEG, .adcGE, .adcEI), (.sbbEG, .sbbGE, .sbbEI),
        (.andEG, .andGE, .andEI), (.subEG, .subGE, .subEI), (.xorEG, .xorGE, .xorEI), (.cmpEG, .cmpGE, .cmpEI),
    ]

    static func decodeOneByte(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) {
        switch b {
        case 0x00...0x3F where b & 7 < 6:
            let ops = aluOps[Int(b >> 3)]
            let size = b & 1 == 0 ? 1 : c.vSize
            d.size = UInt8(size)
            switch b & 7 {
            case 0, 1:
                d.op = ops.0
                c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
            case 2, 3:
                d.op = ops.1
                c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
            default:
                d.op = ops.2
                d.rm = 0  // al / ax / eax / rax
                d.imm = size == 1 ? c.imm8s() : c.immZ(size)
            }
        case 0x50...0x57:
            d.op = .pushE; d.size = UInt8(c.stackSize); d.rm = UInt8((Int(b & 7) | c.rexB) * 8)
        case 0x58...0x5F:
            d.op = .popE; d.size = UInt8(c.stackSize); d.rm = UInt8((Int(b & 7) | c.rexB) * 8)
        case 0x63:
            // movsxd Gv, Ed (without REX.W it is a plain 32-bit move).
            c.modrm(&d)
            let size = c.vSize
            d.size = UInt8(size)
            d.reg = c.gpr(c.regField, size: size)
            if size == 8 {
                d.op = .movsxGE; d.extra = 4; c.rmRegister(&d, size: 4)
            } else {
                d.op = .movGE; c.rmRegister(&d, size: size)
            }
        case 0x68:
            d.op = .pushI; d.size = UInt8(c.stackSize); d.imm = c.immZ(c.stackSize)
        case 0x6A:
            d.op = .pushI; d.size = UInt8(c.stackSize); d.imm = c.imm8s()
        case 0x69, 0x6B:
            d.op = .imulGEI
            let size = c.vSize
            d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
            d.imm = b == 0x6B ? c.imm8s() : c.immZ(size)
        case 0x6C...0x6F, 0xE4...0xE7, 0xEC...0xEF, 0xFA, 0xFB, 0xCF:
            d.op = .privileged
        case 0x70...0x7F:
            d.op = .jcc; d.cc = b & 0xF
            let rel = c.imm8s()
            d.imm = c.pc &+ UInt64(c.pos) &+ rel
        case 0x80, 0x81, 0x83:
            let size = b == 0x80 ? 1 : c.vSize
            d.size = UInt8(size)
            c.modrm(&d); c.rmRegister(&d, size: size)
            d.op = aluOps[c.regField & 7].2
            d.imm = (b == 0x81) ? c.immZ(size) : c.imm8s()
        case 0x84, 0x85:
            let size = b == 0x84 ? 1 : c.vSize
            d.op = .testEG; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0x86, 0x87:
            let size = b == 0x86 ? 1 : c.vSize
            d.op = .xchgEG; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0x88...0x8B:
            let size = b & 1 == 0 ? 1 : c.vSize
            d.op = b < 0x8A ? .movEG : .movGE; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0x8C:
            // mov Ev, Sreg: user selectors as FreeBSD sets them (cs 0x43, ss/ds/es 0x3b, fs/gs 0x13? we report 0).
            c.modrm(&d)
            let size = c.mod == 3 ? c.vSize : 2
            d.size = UInt8(size)
            d.op = .movEI; c.rmRegister(&d, size: size)
            d.imm = [0x3b, 0x43, 0x3b, 0x3b, 0, 0, 0, 0][c.regField & 7]
        case 0x8D:
            c.modrm(&d)
            if c.mod == 3 { d.op = .invalid; return }
            d.op = .lea; d.size = UInt8(c.vSize); d.reg = c.gpr(c.regField, size: 8)
            d.seg = RegFile.zero
        case 0x8E:
            c.modrm(&d); d.op = .privileged
        case 0x8F:
            c.modrm(&d)
            if c.regField & 7 != 0 { d.op = .invalid; return }
            d.op = .popE; d.size = UInt8(c.stackSize); c.rmRegister(&d, size: 8)
        case 0x90:
            if c.rexB != 0 {
                d.op = .xchgEG; d.size = UInt8(c.vSize); d.reg = 0; d.rm = UInt8((c.rexB) * 8)
            } else {
                d.op = c.rep ? .pause : .nop
            }
        case 0x91...0x97:
            d.op = .xchgEG; d.size = UInt8(c.vSize); d.reg = 0; d.rm = UInt8((Int(b & 7) | c.rexB) * 8)
        case 0x98: d.op = .cbwFamily; d.size = UInt8(c.vSize)
        case 0x99: d.op = .cwdFamily; d.size = UInt8(c.vSize)
        case 0x9B: X87Decoder.decodeWait(&d)
        case 0x9C: d.op = .pushf; d.size = UInt8(c.stackSize)
        case 0x9D: d.op = .popf; d.size = UInt8(c.stackSize)
        case 0x9E: d.op = .sahf
        case 0x9F: d.op = .lahf
        case 0xA0...0xA3:
            let size = b & 1 == 0 ? 1 : c.vSize
            d.size = UInt8(size)
            d.op = b < 0xA2 ? .movMoffsLoad : .movMoffsStore
            d.disp = c.addr32 ? UInt64(c.u32()) : c.u64()
            d.seg = c.seg
            d.reg = 0
        case 0xA4, 0xA5: d.op = .movs; d.size = UInt8(b == 0xA4 ? 1 : c.vSize); d.seg = c.seg; stringAddr(&c, &d)
        case 0xA6, 0xA7: d.op = .cmps; d.size = UInt8(b == 0xA6 ? 1 : c.vSize); d.seg = c.seg; stringAddr(&c, &d)
        case 0xA8, 0xA9:
            let size = b == 0xA8 ? 1 : c.vSize
            d.op = .testEI; d.size = UInt8(size); d.rm = 0
            d.imm = size == 1 ? c.imm8s() : c.immZ(size)
        case 0xAA, 0xAB: d.op = .stos; d.size = UInt8(b == 0xAA ? 1 : c.vSize); stringAddr(&c, &d)
        case 0xAC, 0xAD: d.op = .lods; d.size = UInt8(b == 0xAC ? 1 : c.vSize); d.seg = c.seg; stringAddr(&c, &d)
        case 0xAE, 0xAF: d.op = .scas; d.size = UInt8(b == 0xAE ? 1 : c.vSize); stringAddr(&c, &d)
        case 0xB0...0xB7:
            d.op = .movEI; d.size = 1; d.rm = c.gpr(Int(b & 7) | c.rexB, size: 1); d.imm = UInt64(c.u8())
        case 0xB8...0xBF:
            let size = c.vSize
            d.op = .movEI; d.size = UInt8(size); d.rm = UInt8((Int(b & 7) | c.rexB) * 8)
            d.imm = size == 8 ? c.u64() : (size == 2 ? UInt64(c.u16()) : UInt64(c.u32()))
        case 0xC0, 0xC1, 0xD0...0xD3:
            let size = b & 1 == 0 ? 1 : c.vSize
            d.op = .shiftE; d.size = UInt8(size)
            c.modrm(&d); c.rmRegister(&d, size: size)
            d.cc = UInt8(c.regField & 7)
            if b <= 0xC1 { d.imm = UInt64(c.u8()) } else if b <= 0xD1 { d.imm = 1 } else { d.extra = 1 }
        case 0xC2: d.op = .retImm; d.imm = UInt64(c.u16())
        case 0xC3: d.op = .ret
        case 0xC6, 0xC7:
            let size = b == 0xC6 ? 1 : c.vSize
            c.modrm(&d)
            if c.regField & 7 != 0 { d.op = .invalid; return }
            d.op = .movEI; d.size = UInt8(size); c.rmRegister(&d, size: size)
            d.imm = size == 1 ? UInt64(c.u8()) : c.immZ(size)
        case 0xC8:
            d.op = .enter; d.imm = UInt64(c.u16()); d.extra = c.u8(); d.size = UInt8(c.stackSize)
        case 0xC9: d.op = .leave; d.size = UInt8(c.stackSize)
        case 0xCA, 0xCB: d.op = .privileged
        case 0xCC: d.op = .int3
        case 0xCD: d.op = .intN; d.imm = UInt64(c.u8())
        case 0xD7: d.op = .xlat; d.seg = c.seg; if c.addr32 { d.prefix |= Instruction.addr32Prefix }
        case 0xD8...0xDF: X87Decoder.decode(b, &c, &d)
        case 0xE0...0xE3:
            d.op = [Op.loopne, .loope, .loop, .jrcxz][Int(b - 0xE0)]
            let rel = c.imm8s()
            d.imm = c.pc &+ UInt64(c.pos) &+ rel
            if c.addr32 { d.prefix |= Instruction.addr32Prefix }
        case 0xE8:
            d.op = .callRel; let rel = c.imm32s(); d.imm = c.pc &+ UInt64(c.pos) &+ rel
        case 0xE9:
            d.op = .jmpRel; let rel = c.imm32s(); d.imm = c.pc &+ UInt64(c.pos) &+ rel
        case 0xEB:
            d.op = .jmpRel; let rel = c.imm8s(); d.imm = c.pc &+ UInt64(c.pos) &+ rel
        case 0xF1: d.op = .int3; d.extra = 1
        case 0xF4: d.op = .hlt
        case 0xF5: d.op = .cmc
        case 0xF6, 0xF7:
            let size = b == 0xF6 ? 1 : c.vSize
            d.size = UInt8(size)
            c.modrm(&d); c.rmRegister(&d, size: size)
            switch c.regField & 7 {
            case 0, 1: d.op = .testEI; d.imm = size == 1 ? c.imm8s() : c.immZ(size)
            case 2: d.op = .notE
            case 3: d.op = .negE
            case 4: d.op = .mulE
            case 5: d.op = .imulE
            case 6: d.op = .divE
            default: d.op = .idivE
            }
        case 0xF8: d.op = .clc
        case 0xF9: d.op = .stc
        case 0xFC: d.op = .cld
        case 0xFD: d.op = .std
        case 0xFE:
            c.modrm(&d); c.rmRegister(&d, size: 1); d.size = 1
            switch c.regField & 7 {
            case 0: d.op = .incE
            case 1: d.op = .decE
            default: d.op = .invalid
            }
        case 0xFF:
            c.modrm(&d)
            switch c.regField & 7 {
            case 0: d.op = .incE; d.size = UInt8(c.vSize); c.rmRegister(&d, size: c.vSize)
            case 1: d.op = .decE; d.size = UInt8(c.vSize); c.rmRegister(&d, size: c.vSize)
            case 2: d.op = .callE; d.size = 8; c.rmRegister(&d, size: 8)
            case 4: d.op = .jmpE; d.size = 8; c.rmRegister(&d, size: 8)
            case 6: d.op = .pushE; d.size = UInt8(c.stackSize); c.rmRegister(&d, size: c.stackSize)
            case 3, 5: d.op = c.mod == 3 ? .invalid : .privileged
            default: d.op = .invalid
            }
        default:
            d.op = .invalid
        }
    }

    static func stringAddr(_ c: inout DecodeCursor, _ d: inout Instruction) {
        if c.addr32 { d.prefix |= Instruction.addr32Prefix }
    }

    static func decodeTwoByte(_ c: inout DecodeCursor, _ d: inout Instruction) {
        let b = c.u8()
        switch b {
        case 0x01:
            // System group: only xgetbv and rdtscp are reachable from user mode here.
            let m = c.u8()
            switch m {
            case 0xD0: d.op = .xgetbv
            case 0xD5, 0xD6: d.op = .invalid   // xend, xtest: #UD without RTM, which we do not advertise
            case 0xF9: d.op = .rdtscp
            default:
                if m >> 6 != 3 { c.pos -= 1; c.modrm(&d) }
                d.op = .privileged
            }
        case 0x00, 0x06, 0x08, 0x09, 0x20...0x23, 0x30, 0x32, 0x33, 0x35:
            if b == 0x00 { c.modrm(&d) }
            d.op = .privileged
        case 0x05: d.op = .syscall
        case 0x0B: d.op = .ud2
        case 0x0D, 0x18...0x1F:
            // prefetch hints, endbr64 (F3 0F 1E FA) and the multi-byte nop family.
            c.modrm(&d)
            d.op = .nop
        case 0x31: d.op = .rdtsc
        case 0x38: decodeThreeByte38(&c, &d)
        case 0x3A: SSEDecoder.decode3A(&c, &d)
        case 0x40...0x4F:
            let size = c.vSize
            d.op = .cmovcc; d.cc = b & 0xF; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0x80...0x8F:
            d.op = .jcc; d.cc = b & 0xF
            let rel = c.imm32s()
            d.imm = c.pc &+ UInt64(c.pos) &+ rel
        case 0x90...0x9F:
            d.op = .setcc; d.cc = b & 0xF; d.size = 1
            c.modrm(&d); c.rmRegister(&d, size: 1)
        case 0xA0, 0xA8: d.op = .pushSeg; d.size = UInt8(c.stackSize)
        case 0xA1, 0xA9: d.op = .popSeg; d.size = UInt8(c.stackSize)
        case 0xA2: d.op = .cpuid
        case 0xA3, 0xAB, 0xB3, 0xBB:
            let size = c.vSize
            d.op = .btE; d.size = UInt8(size)
            d.cc = [0xA3: 0, 0xAB: 1, 0xB3: 2, 0xBB: 3][b]!
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xA4, 0xA5, 0xAC, 0xAD:
            let size = c.vSize
            d.op = b < 0xAC ? .shldEG : .shrdEG; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
            if b & 1 == 0 { d.imm = UInt64(c.u8()) } else { d.extra = 1 }
        case 0xAE:
            decodeGroup15(&c, &d)
        case 0xAF:
            let size = c.vSize
            d.op = .imulGE; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xB0, 0xB1:
            let size = b == 0xB0 ? 1 : c.vSize
            d.op = .cmpxchgEG; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xB6, 0xB7, 0xBE, 0xBF:
            let size = c.vSize
            let src = b & 1 == 0 ? 1 : 2
            d.op = b < 0xBE ? .movzxGE : .movsxGE; d.size = UInt8(size); d.extra = UInt8(src)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: src)
        case 0xB8:
            guard c.rep else { d.op = .invalid; return }
            let size = c.vSize
            d.op = .popcnt; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xBA:
            let size = c.vSize
            c.modrm(&d); c.rmRegister(&d, size: size)
            guard c.regField & 7 >= 4 else { d.op = .invalid; return }
            d.op = .btE; d.size = UInt8(size); d.cc = UInt8(c.regField & 3); d.extra = 1
            d.imm = UInt64(c.u8())
        case 0xBC, 0xBD:
            let size = c.vSize
            d.op = c.rep ? (b == 0xBC ? .tzcnt : .lzcnt) : (b == 0xBC ? .bsf : .bsr); d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xC0, 0xC1:
            let size = b == 0xC0 ? 1 : c.vSize
            d.op = .xaddEG; d.size = UInt8(size)
            c.modrm(&d); d.reg = c.gpr(c.regField, size: size); c.rmRegister(&d, size: size)
        case 0xC7:
            c.modrm(&d)
            if c.regField & 7 == 1 && c.mod != 3 {
                d.op = c.rexW ? .cmpxchg16b : .cmpxchg8b
            } else if c.regField & 7 == 6 && c.mod == 3 {
                d.op = .invalid   // rdrand: not advertised
            } else {
                d.op = .invalid
            }
        case 0xC8...0xCF:
            d.op = .bswap; d.size = UInt8(c.vSize); d.rm = UInt8((Int(b & 7) | c.rexB) * 8)
        default:
            SSEDecoder.decode0F(b, &c, &d)
        }
    }

    static func decodeThreeByte38(_ c: inout DecodeCursor, _ d: inout Instruction) {
        let b = c.u8()
        if (b == 0xF0 || b == 0xF1) && !c.repne {
            let size = b == 0xF0 ? 1 : c.vSize
            c.modrm(&d)
            guard c.mod != 3 else { d.op = .invalid; return }
            d.op = b == 0xF0 ? .movbeLoad : .movbeStore
            d.size = UInt8(b == 0xF0 ? c.vSize : size)
            d.reg = c.gpr(c.regField, size: c.vSize)
            return
        }
        SSEDecoder.decode38(b, &c, &d)
    }

    static func decodeGroup15(_ c: inout DecodeCursor, _ d: inout Instruction) {
        c.modrm(&d)
        let r = c.regField & 7
        if c.mod == 3 {
            if c.rep && r <= 3 {
                d.op = [Op.rdfsbase, .rdgsbase, .wrfsbase, .wrgsbase][r]
                d.size = UInt8(c.rexW ? 8 : 4)
                d.rm = UInt8(c.rmField * 8)
                return
            }
            d.op = r >= 5 ? .fence : .invalid
            return
        }
        switch r {
        case 0, 1, 2, 3:
            d.op = .fpState; d.cc = UInt8(r)
        case 7:
            d.op = .nop   // clflush
        default:
            d.op = .invalid   // xsave family: not advertised
        }
    }
}
