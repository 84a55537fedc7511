/// One decoded instruction: what the decoder learned once, so execution never looks at the
/// bytes again. 32 bytes; registers are byte offsets into the register file (`RegFile`),
/// memory operands are base + index << scale + disp (+ segment base), with absent parts
/// pointing at the zero slot and RIP-relative displacements already made absolute.
struct Instruction {
    var op: Op = .invalid
    var length: UInt8 = 0
    /// Operand size in bytes (1, 2, 4, 8).
    var size: UInt8 = 4
    /// ModRM.reg operand (register byte offset, or XMM/x87 index).
    var reg: UInt8 = 0
    /// ModRM.rm register operand, or `RegFile.memory`.
    var rm: UInt8 = RegFile.memory
    var base: UInt8 = RegFile.zero
    var index: UInt8 = RegFile.zero
    var scale: UInt8 = 0
    var seg: UInt8 = RegFile.zero
    /// Condition code, ALU/shift kind, or another small selector the op defines.
    var cc: UInt8 = 0
    var prefix: UInt8 = 0
    /// A second size or mode (movzx source width, shift count source...).
    var extra: UInt8 = 0
    var pad: UInt8 = 0
    /// Sub-operation for the SSE and x87 families.
    var sub: UInt16 = 0
    var disp: UInt64 = 0
    var imm: UInt64 = 0

    static let lockPrefix: UInt8 = 1
    static let repPrefix: UInt8 = 2      // F3
    static let repnePrefix: UInt8 = 4    // F2
    static let addr32Prefix: UInt8 = 8
    static let opsizePrefix: UInt8 = 16  // 66
    static let rexPrefix: UInt8 = 32
    static let rexW: UInt8 = 64

    @inline(__always) var isMemory: Bool { rm == RegFile.memory }
}

/// Execution handlers, one per mnemonic and operand form. The operand size is in the
/// instruction; families with many members (SSE, x87) carry their member in `sub`.
enum Op: UInt16 {
    case invalid
    // ALU: E op= G, G op= E, E op= imm.
    case addEG, addGE, addEI, orEG, orGE, orEI, adcEG, adcGE, adcEI, sbbEG, sbbGE, sbbEI
    case andEG, andGE, andEI, subEG, subGE, subEI, xorEG, xorGE, xorEI, cmpEG, cmpGE, cmpEI
    case testEG, testEI
    case incE, decE, notE, negE
    case mulE, imulE, divE, idivE, imulGE, imulGEI
    case movEG, movGE, movEI, movzxGE, movsxGE, lea
    case movMoffsLoad, movMoffsStore
    case xchgEG, xaddEG, cmpxchgEG, cmpxchg8b, cmpxchg16b
    /// Shifts and rotates; `cc` = 0 rol, 1 ror, 2 rcl, 3 rcr, 4 shl, 5 shr, 6 sal, 7 sar;
    /// count from CL if `extra` == 1, else `imm`.
    case shiftE
    case shldEG, shrdEG
    /// bt/bts/btr/btc (`cc` 0...3) with the bit index from G (`extra` 0) or imm (`extra` 1).
    case btE
    case bsf, bsr, tzcnt, lzcnt, popcnt, bswap, movbeLoad, movbeStore
    case pushE, pushI, popE, pushSeg, popSeg
    case jmpRel, jmpE, jcc, callRel, callE, ret, retImm
    case loop, loope, loopne, jrcxz
    case setcc, cmovcc
    case cbwFamily, cwdFamily
    case lahf, sahf, pushf, popf, clc, stc, cmc, cld, std
    case enter, leave
    case movs, stos, lods, cmps, scas
    case nop, pause, hlt, int3, intN, ud2, syscall, cpuid, rdtsc, rdtscp, xlat, privileged
    case rdfsbase, rdgsbase, wrfsbase, wrgsbase, fence, xgetbv
    case sahfLike
    /// SSE/SSE2/SSE3/SSSE3/SSE4 instruction; `sub` selects it (see SSE.swift).
    case sse
    /// One of the SSE operations compiled code uses most (scalar double arithmetic, moves,
    /// logic), dispatched inline instead of through `executeSSE` (see SSEHot.swift).
    case sseHot
    /// x87 instruction; `sub` selects it (see X87.swift).
    case x87
    /// fxsave, fxrstor, ldmxcsr, stmxcsr; `cc` selects it.
    case fpState
}
