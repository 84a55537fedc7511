/// GDB remote serial protocol framing: `$payload#checksum`, with `}` escapes.
public enum Packet {
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 {
        bytes.reduce(UInt8(0)) { $0 &+ $1 }
    }

    /// Frames a payload for sending, escaping `$`, `#`, `}` and `*`.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        for b in payload {
            if b == UInt8(ascii: "$") || b == UInt8(ascii: "#") || b == UInt8(ascii: "}") || b == UInt8(ascii: "*") {
                body.append(UInt8(ascii: "}"))
                body.append(b ^ 0x20)
            } else {
                body.append(b)
            }
        }
        let sum = checksum(body)
        let hex = Array("0123456789abcdef".utf8)
        return [UInt8(ascii: "$")] + body + [UInt8(ascii: "#"), hex[Int(sum >> 4)], hex[Int(sum & 15)]]
    }
}
