import CHost

extension X86CPU {
    static let maxBlockInstructions = 64

    /// Runs guest code until something needs the thread: a syscall, a trap, or attention.
    public func run(singleStep: Bool = false) -> ExitReason {
        // The guest's MXCSR is live in the host register while guest code runs (SSE.swift).
        enterGuestMXCSR()
        defer { leaveGuestMXCSR() }
        var previous: UnsafeMutablePointer<BlockHeader>? = nil
        while true {
            if attention.pointee != 0 && !singleStep { return .attention }
            mmu.sync()
            if blocks.generation != mmu.space.codeGeneration {
                withHostMXCSR { blocks.flush() }
                previous = nil
            }
            let pc = rip
            var block: UnsafeMutablePointer<BlockHeader>
            if singleStep {
                switch withHostMXCSR({ decodeBlock(at: pc, limit: 1) }) {
                case .success(let b): block = b
                case .failure(let e): return e
                }
            } else if let p = previous, p.pointee.successorPC0 == pc, let s = p.pointee.successor0 {
                block = s
            } else if let p = previous, p.pointee.successorPC1 == pc, let s = p.pointee.successor1 {
                block = s
            } else {
                if let b = blocks.lookup(pc) {
                    block = b
                } else {
                    switch withHostMXCSR({ decodeBlock(at: pc, limit: X86CPU.maxBlockInstructions) }) {
                    case .success(let b): block = b
                    case .failure(let e): return e
                    }
                    withHostMXCSR { blocks.insert(block) }
                }
                if let p = previous {
                    if p.pointee.successor0 == nil { p.pointee.successorPC0 = pc; p.pointee.successor0 = block }
                    else { p.pointee.successorPC1 = pc; p.pointee.successor1 = block }
                }
            }
            if let logger = blockLogger { logger.executing(pc: pc, cpu: self) }
            do {
                try execute(block: block)
            } catch {
                rewindToFaultingInstruction(block)
                if error.kind == .invalidOpcode, let bytes = faultingBytes() {
                    return .invalidInstruction(bytes)
                }
                return .trap(error)
            }
            retired &+= UInt64(block.pointee.count)
            if let r = exitRequest {
                exitRequest = nil
                return r
            }
            if mmu.codeWritten {
                mmu.codeWritten = false
                previous = nil
                continue
            }
            if singleStep { return .stepped }
            previous = block
        }
    }

    /// Runs a block. rip is set once to the block's fall-through address; only instructions that
    /// transfer control write it (they always end a block), so straight-line code never stores
    /// the pc. A trap leaves `faultIndex` at the faulting instruction.
    @inline(__always) func execute(block: UnsafeMutablePointer<BlockHeader>) throws(Trap) {
        rip = block.pointee.endPC
        var p = block.instructions
        let end = p + Int(block.pointee.count)
        while p < end {
            do {
                try execute(p)
            } catch {
                faultIndex = p - block.instructions
                throw error
            }
            p += 1
        }
    }

    /// After a trap, point rip at the faulting instruction and count what retired before it.
    private func rewindToFaultingInstruction(_ block: UnsafeMutablePointer<BlockHeader>) {
        var pc = block.pointee.startPC
        let insns = block.instructions
        for i in 0..<faultIndex { pc &+= UInt64(insns[i].length) }
        rip = pc
        retired &+= UInt64(faultIndex)
    }

    private func faultingBytes() -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: 15)
        let n = (try? buf.withUnsafeMutableBufferPointer { (b) throws(Trap) -> Int in
            try mmu.fetch(rip, into: b.baseAddress!, count: 15)
        }) ?? 0
        return Array(buf.prefix(n))
    }

    /// Decodes a block at `pc`: up to `limit` instructions, ending at the first control transfer,
    /// an instruction that leaves the interpreter, or the end of the page.
    func decodeBlock(at pc: UInt64, limit: Int) -> Result<UnsafeMutablePointer<BlockHeader>, ExitReason> {
        var insns = [Instruction]()
        insns.reserveCapacity(16)
        var addr = pc
        var buffer = (UInt64(0), UInt64(0))
        while insns.count < limit {
            let n: Int
            do {
                n = try withUnsafeMutableBytes(of: &buffer) { (b) throws(Trap) -> Int in
                    try mmu.fetch(addr, into: b.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 15)
                }
            } catch {
                if insns.isEmpty { return .failure(.trap(error)) }
                break
            }
            let r = withUnsafeBytes(of: &buffer) { b in
                Decoder.decode(b.baseAddress!.assumingMemoryBound(to: UInt8.self), available: n, pc: addr)
            }
            guard case .instruction(var d) = r else {
                // The instruction runs into a page we may not execute: fault on that page.
                if insns.isEmpty {
                    let bad = (addr | 0xfff) &+ 1
                    return .failure(.trap(Trap.memory(bad, .execute, mmu.space.faultReason(at: bad))))
                }
                break
            }
            if d.op == .sse && SSEOp.isHot(d.sub) { d.op = .sseHot }
            mmu.space.markCode(page: addr >> 12)
            if d.length > 1 { mmu.space.markCode(page: (addr &+ UInt64(d.length) &- 1) >> 12) }
            insns.append(d)
            addr &+= UInt64(d.length)
            if d.op.endsBlock || addr & 0xfff == 0 || (addr & ~0xfff) != (pc & ~0xfff) { break }
        }
        if let logger = blockLogger, logger.inAsm {
            var bytes = [UInt8](repeating: 0, count: Int(addr - pc))
            let n = (try? bytes.withUnsafeMutableBufferPointer { (p) throws(Trap) -> Int in try mmu.fetch(pc, into: p.baseAddress!, count: p.count) }) ?? 0
            logger.decoded(pc: pc, bytes: Array(bytes.prefix(n)))
        }
        let b = blocks.allocate(count: insns.count)
        b.pointee = BlockHeader(startPC: pc, count: UInt32(insns.count), flags: 0, successorPC0: .max, successor0: nil,
                                successorPC1: .max, successor1: nil, endPC: addr, pad: 0)
        let dst = b.instructions
        for (i, d) in insns.enumerated() { (dst + i).initialize(to: d) }
        mmu.sync()
        return .success(b)
    }
}

extension Op {
    /// Instructions after which a block ends: control transfers and exits from the interpreter.
    var endsBlock: Bool {
        switch self {
        case .jmpRel, .jmpE, .jcc, .callRel, .callE, .ret, .retImm, .loop, .loope, .loopne, .jrcxz,
             .syscall, .int3, .intN, .ud2, .hlt, .invalid, .privileged, .movs, .stos, .lods, .cmps, .scas,
             .popf, .wrfsbase, .wrgsbase, .fpState, .cpuid:
            return true
        default:
            return false
        }
    }
}
