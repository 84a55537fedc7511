/// Placeholder until the SSE unit lands.
enum SSEDecoder {
    static func decode0F(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) { d.op = .invalid }
    static func decode38(_ b: UInt8, _ c: inout DecodeCursor, _ d: inout Instruction) { d.op = .invalid }
    static func decode3A(_ c: inout DecodeCursor, _ d: inout Instruction) { d.op = .invalid }
}
