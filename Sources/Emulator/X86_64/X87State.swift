/// x87 FPU state: eight 80-bit registers (each in a 16-byte slot, physical order), the control,
/// status and tag words, and the last-instruction pointers fxsave reports.
public final class X87State {
    /// Physical registers R0...R7, 10 significant bytes each in 16-byte slots.
    let regs: UnsafeMutableRawPointer
    public var control: UInt16 = 0x037F
    public var status: UInt16 = 0
    /// Abridged tag: bit i set when physical register i holds a value.
    public var tagValid: UInt8 = 0
    public var top: Int = 0
    public var lastOpcode: UInt16 = 0
    public var lastIP: UInt64 = 0
    public var lastDP: UInt64 = 0

    init() {
        regs = .allocate(byteCount: 128, alignment: 16)
        regs.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
    }
    deinit { regs.deallocate() }

    public func reset() {
        control = 0x037F; status = 0; tagValid = 0; top = 0
        regs.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
    }
}
