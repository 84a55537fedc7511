import CHost

/// SSE4.2: the packed string compares (run by the host instruction, whose aggregation and
/// polarity rules are intricate) and crc32.
extension X86CPU {
    /// The explicit length of pcmpestr*: |RAX| or |RDX| (64-bit with REX.W, else 32-bit),
    /// saturated to the element count.
    @inline(__always) func stringLength(_ reg: UInt8, _ d: UnsafeMutablePointer<Instruction>) -> Int32 {
        let elements: UInt64 = d.pointee.sseImmediate & 1 != 0 ? 8 : 16
        let magnitude: UInt64
        if d.pointee.prefix & Instruction.rexW != 0 {
            magnitude = Int64(bitPattern: r64(reg)).magnitude
        } else {
            magnitude = UInt64(Int32(bitPattern: r32(reg)).magnitude)
        }
        return Int32(min(magnitude, elements))
    }

    /// Sets CF, ZF, SF, OF from a string compare; AF and PF cleared.
    @inline(__always) func setStringFlags(_ f: UInt32) {
        setArithmeticFlags(UInt64(f), mask: EFlags.arithmetic)
    }

    func pcmpestri(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: false)
        let r = sse_pcmpestri(xmmValue(d.pointee.reg), b, stringLength(0, d), stringLength(16, d), d.pointee.sseImmediate)
        set32(8, UInt32(truncatingIfNeeded: r))
        setStringFlags(UInt32(truncatingIfNeeded: r >> 32))
    }

    func pcmpestrm(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: false)
        var flags: UInt32 = 0
        let m = sse_pcmpestrm(xmmValue(d.pointee.reg), b, stringLength(0, d), stringLength(16, d), d.pointee.sseImmediate, &flags)
        setXMMValue(0, m)
        setStringFlags(flags)
    }

    func pcmpistri(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: false)
        let r = sse_pcmpistri(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate)
        set32(8, UInt32(truncatingIfNeeded: r))
        setStringFlags(UInt32(truncatingIfNeeded: r >> 32))
    }

    func pcmpistrm(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: false)
        var flags: UInt32 = 0
        let m = sse_pcmpistrm(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate, &flags)
        setXMMValue(0, m)
        setStringFlags(flags)
    }

    /// crc32 r32|64, r/m8|16|32|64: `reg` is the accumulator (width `extra`), `size` the
    /// source width. The result is zero-extended.
    func crc32(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let acc = r32(d.pointee.reg)
        let r: UInt32
        switch d.pointee.size {
        case 1: r = sse_crc32_8(acc, try readE(d, UInt8.self))
        case 2: r = sse_crc32_16(acc, try readE(d, UInt16.self))
        case 4: r = sse_crc32_32(acc, try readE(d, UInt32.self))
        default: r = UInt32(truncatingIfNeeded: sse_crc32_64(UInt64(acc), try readE(d, UInt64.self)))
        }
        set64(d.pointee.reg, UInt64(r))
    }
}
