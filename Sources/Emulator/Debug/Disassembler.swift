import CCapstone

/// x86-64 disassembly through capstone, in AT&T syntax like gdb and qemu's -d in_asm.
final class Disassembler {
    private var handle: csh = 0
    private let ok: Bool

    init() {
        ok = cs_open(CS_ARCH_X86, CS_MODE_64, &handle) == CS_ERR_OK
        if ok { cs_option(handle, CS_OPT_SYNTAX, Int(CS_OPT_SYNTAX_ATT.rawValue)) }
    }

    deinit { if ok { cs_close(&handle) } }

    /// One line per instruction: address, bytes, mnemonic and operands.
    func disassemble(_ bytes: [UInt8], at address: UInt64) -> [String] {
        guard ok, !bytes.isEmpty else { return [] }
        var insn: UnsafeMutablePointer<cs_insn>? = nil
        let count = bytes.withUnsafeBufferPointer { cs_disasm(handle, $0.baseAddress, bytes.count, address, 0, &insn) }
        guard count > 0, let list = insn else { return ["0x\(String(address, radix: 16)):  (undecodable)"] }
        defer { cs_free(list, count) }
        var out: [String] = []
        for i in 0..<count {
            var x = list[i]
            let mnemonic = withUnsafeBytes(of: &x.mnemonic) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            let ops = withUnsafeBytes(of: &x.op_str) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            out.append("0x\(String(x.address, radix: 16)):  \(mnemonic) \(ops)")
        }
        return out
    }
}
