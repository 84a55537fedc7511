import CHost

/// The dispatch: one case per `Op`. Handlers live in files named by instruction family.
extension X86CPU {
    @inline(__always) func execute(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.op {
        case .movGE:
            switch d.pointee.size {
            case 8: try movGE(d, UInt64.self)
            case 4: try movGE(d, UInt32.self)
            case 2: try movGE(d, UInt16.self)
            default: try movGE(d, UInt8.self)
            }
        case .movEG:
            switch d.pointee.size {
            case 8: try movEG(d, UInt64.self)
            case 4: try movEG(d, UInt32.self)
            case 2: try movEG(d, UInt16.self)
            default: try movEG(d, UInt8.self)
            }
        case .movEI:
            switch d.pointee.size {
            case 8: try movEI(d, UInt64.self)
            case 4: try movEI(d, UInt32.self)
            case 2: try movEI(d, UInt16.self)
            default: try movEI(d, UInt8.self)
            }
        case .addEG: try aluEG(d, .add)
        case .addGE: try aluGE(d, .add)
        case .addEI: try aluEI(d, .add)
        case .orEG: try aluEG(d, .or)
        case .orGE: try aluGE(d, .or)
        case .orEI: try aluEI(d, .or)
        case .adcEG: try aluEG(d, .adc)
        case .adcGE: try aluGE(d, .adc)
        case .adcEI: try aluEI(d, .adc)
        case .sbbEG: try aluEG(d, .sbb)
        case .sbbGE: try aluGE(d, .sbb)
        case .sbbEI: try aluEI(d, .sbb)
        case .andEG: try aluEG(d, .and)
        case .andGE: try aluGE(d, .and)
        case .andEI: try aluEI(d, .and)
        case .subEG: try aluEG(d, .sub)
        case .subGE: try aluGE(d, .sub)
        case .subEI: try aluEI(d, .sub)
        case .xorEG: try aluEG(d, .xor)
        case .xorGE: try aluGE(d, .xor)
        case .xorEI: try aluEI(d, .xor)
        case .cmpEG: try aluEG(d, .cmp)
        case .cmpGE: try aluGE(d, .cmp)
        case .cmpEI: try aluEI(d, .cmp)
        case .testEG:
            switch d.pointee.size {
            case 8: try test(d, r64(d.pointee.reg))
            case 4: try test(d, r32(d.pointee.reg))
            case 2: try test(d, r16(d.pointee.reg))
            default: try test(d, r8(d.pointee.reg))
            }
        case .testEI:
            switch d.pointee.size {
            case 8: try test(d, d.pointee.imm)
            case 4: try test(d, UInt32(truncatingIfNeeded: d.pointee.imm))
            case 2: try test(d, UInt16(truncatingIfNeeded: d.pointee.imm))
            default: try test(d, UInt8(truncatingIfNeeded: d.pointee.imm))
            }
        case .incE, .decE, .notE, .negE: try unary(d, d.pointee.op)
        case .mulE: try mulE(d)
        case .imulE: try imulE(d)
        case .divE: try divE(d)
        case .idivE: try idivE(d)
        case .imulGE: try imulG(d, threeOperand: false)
        case .imulGEI: try imulG(d, threeOperand: true)
        case .movzxGE: try movExtend(d, signed: false)
        case .movsxGE: try movExtend(d, signed: true)
        case .lea: lea(d)
        case .movMoffsLoad: try moffs(d, load: true)
        case .movMoffsStore: try moffs(d, load: false)
        case .xchgEG:
            switch d.pointee.size {
            case 8: try xchg(d, UInt64.self)
            case 4: try xchg(d, UInt32.self)
            case 2: try xchg(d, UInt16.self)
            default: try xchg(d, UInt8.self)
            }
        case .xaddEG:
            switch d.pointee.size {
            case 8: try xadd(d, UInt64.self)
            case 4: try xadd(d, UInt32.self)
            case 2: try xadd(d, UInt16.self)
            default: try xadd(d, UInt8.self)
            }
        case .cmpxchgEG:
            switch d.pointee.size {
            case 8: try cmpxchg(d, UInt64.self)
            case 4: try cmpxchg(d, UInt32.self)
            case 2: try cmpxchg(d, UInt16.self)
            default: try cmpxchg(d, UInt8.self)
            }
        case .cmpxchg8b: try cmpxchg8b(d)
        case .cmpxchg16b: try cmpxchg16b(d)
        case .shiftE: try shiftE(d)
        case .shldEG: try doubleShift(d, left: true)
        case .shrdEG: try doubleShift(d, left: false)
        case .btE: try btE(d)
        case .bsf, .bsr, .tzcnt, .lzcnt, .popcnt: try bitScan(d, d.pointee.op)
        case .bswap: bswap(d)
        case .movbeLoad: try movbe(d, load: true)
        case .movbeStore: try movbe(d, load: false)
        case .pushE: try pushE(d)
        case .pushI:
            if d.pointee.size == 2 { try push16(UInt16(truncatingIfNeeded: d.pointee.imm)) } else { try push64(d.pointee.imm) }
        case .popE: try popE(d)
        case .pushSeg:
            if d.pointee.size == 2 { try push16(0) } else { try push64(0) }
        case .popSeg:
            if d.pointee.size == 2 { _ = try pop16() } else { _ = try pop64() }
        case .jmpRel: rip = d.pointee.imm
        case .jmpE: rip = try readE(d, UInt64.self)
        case .jcc: if condition(d.pointee.cc) { rip = d.pointee.imm }
        case .callRel: try callRel(d)
        case .callE: try callE(d)
        case .ret: try ret(popExtra: 0)
        case .retImm: try ret(popExtra: d.pointee.imm)
        case .loop, .loope, .loopne, .jrcxz: loopFamily(d)
        case .setcc: try writeE(d, UInt8(condition(d.pointee.cc) ? 1 : 0))
        case .cmovcc:
            switch d.pointee.size {
            case 8: try cmov(d, UInt64.self)
            case 4: try cmov(d, UInt32.self)
            default: try cmov(d, UInt16.self)
            }
        case .cbwFamily: signExtendAccumulator(d)
        case .cwdFamily: signIntoDX(d)
        case .lahf: lahf()
        case .sahf, .sahfLike: sahf()
        case .pushf: try pushf(d)
        case .popf: try popf(d)
        case .clc: setArithmeticFlags(0, mask: EFlags.cf)
        case .stc: setArithmeticFlags(EFlags.cf, mask: EFlags.cf)
        case .cmc: setArithmeticFlags(carryFlag ? 0 : EFlags.cf, mask: EFlags.cf)
        case .cld: eflagsOther &= ~EFlags.df
        case .std: eflagsOther |= EFlags.df
        case .enter: try enter(d)
        case .leave: try leave(d)
        case .movs, .stos, .lods, .cmps, .scas: try stringOp(d)
        case .nop, .pause: break
        case .fence: host_fence()
        case .syscall: syscallInstruction()
        case .cpuid: cpuidInstruction()
        case .rdtsc:
            let t = HostInputs.timestampCounter()
            set32(0, UInt32(truncatingIfNeeded: t)); set32(16, UInt32(t >> 32))
        case .rdtscp:
            let t = HostInputs.timestampCounter()
            set32(0, UInt32(truncatingIfNeeded: t)); set32(16, UInt32(t >> 32)); set32(8, 0)
        case .xlat: try xlat(d)
        case .rdfsbase, .rdgsbase:
            let v = r64(d.pointee.op == .rdfsbase ? RegFile.fsBase : RegFile.gsBase)
            if d.pointee.size == 8 { set64(d.pointee.rm, v) } else { set32(d.pointee.rm, UInt32(truncatingIfNeeded: v)) }
        case .wrfsbase, .wrgsbase:
            var v = r64(d.pointee.rm)
            if d.pointee.size == 4 { v &= 0xffff_ffff }
            guard v < 0x0000_8000_0000_0000 || v >= 0xffff_8000_0000_0000 else { throw Trap(kind: .generalProtection) }
            set64(d.pointee.op == .wrfsbase ? RegFile.fsBase : RegFile.gsBase, v)
        case .int3: throw Trap(kind: .breakpoint)
        case .ud2, .invalid, .xgetbv: throw Trap(kind: .invalidOpcode)
        case .hlt, .privileged, .intN: throw Trap(kind: .generalProtection)
        case .sse: try executeSSE(d)
        case .sseHot: try executeSSEHot(d)
        case .x87: try executeX87(d)
        case .fpState: try executeFPState(d)
        }
    }
}
