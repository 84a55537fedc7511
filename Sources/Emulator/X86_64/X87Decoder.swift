/// Placeholder until the x87 unit lands: every x87 opcode decodes as invalid.
enum X87Decoder {
    static func decode(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) {
        c.modrm(&d)
        d.op = .invalid
    }
}
