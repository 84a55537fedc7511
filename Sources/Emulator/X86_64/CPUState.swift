import CHost

/// Register numbers in x86 encoding order.
public enum GPR: Int, CaseIterable, Sendable {
    case rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15
}

/// Byte offsets into the register file. Decoded instructions name registers by these offsets, so
/// byte registers (including ah/ch/dh/bh at +1) need no special cases in the handlers.
enum RegFile {
    static let gprBytes = 16 * 8
    /// A slot that always holds zero: absent base/index/segment in an address point here.
    static let zero: UInt8 = 128
    static let fsBase: UInt8 = 136
    static let gsBase: UInt8 = 144
    static let size = 160
    /// Marker for "operand is in memory" in `Instruction.rm`.
    static let memory: UInt8 = 0xFF
    @inline(__always) static func offset(_ r: Int) -> UInt8 { UInt8(r * 8) }
}

/// EFLAGS bits.
enum EFlags {
    static let cf: UInt64 = 1 << 0
    static let pf: UInt64 = 1 << 2
    static let af: UInt64 = 1 << 4
    static let zf: UInt64 = 1 << 6
    static let sf: UInt64 = 1 << 7
    static let tf: UInt64 = 1 << 8
    static let `if`: UInt64 = 1 << 9
    static let df: UInt64 = 1 << 10
    static let of: UInt64 = 1 << 11
    static let ac: UInt64 = 1 << 18
    static let id: UInt64 = 1 << 21
    static let arithmetic: UInt64 = cf | pf | af | zf | sf | of
    /// Bits a user program may change with popf.
    static let userWritable: UInt64 = arithmetic | df | tf | ac | id
    static let alwaysOne: UInt64 = 1 << 1
}

/// Which operation last set the arithmetic flags (lazy flags: they are computed only when read).
enum FlagOp: UInt8 {
    /// `flagsValue` holds the materialized arithmetic flags.
    case none
    case add, adc, sub, sbb, logic, inc, dec, neg
    case shl, shr, sar
    /// Multiply: CF=OF=(flagsA != 0), others from result (as the hardware leaves them).
    case mul
}

/// The architectural state of one amd64 guest thread, in a layout the interpreter reaches with
/// raw-pointer loads: general registers and segment bases in `regs`, XMM registers in `xmm`,
/// x87 state in `x87`. Arithmetic flags are lazy (see `Flags.swift`).
public final class X86CPU {
    /// 16 GPRs, a zero slot, fs base, gs base (see `RegFile`).
    let regs: UnsafeMutableRawPointer
    /// 16 XMM registers, 16 bytes each.
    let xmm: UnsafeMutableRawPointer
    /// Address of the next instruction while executing; of the current one when stopped.
    public var rip: UInt64 = 0

    // Lazy flags.
    var flagOp: FlagOp = .none
    var flagSize: UInt8 = 8
    var flagRes: UInt64 = 0
    var flagA: UInt64 = 0
    var flagB: UInt64 = 0
    /// Arithmetic flags when `flagOp == .none`, and CF carried into inc/dec; never other bits.
    var flagsValue: UInt64 = 0
    /// Non-arithmetic EFLAGS bits (DF, TF, AC, ID, IF and the always-one bit).
    var eflagsOther: UInt64 = EFlags.alwaysOne | EFlags.if

    public var mxcsr: UInt32 = 0x1f80
    public let x87 = X87State()

    /// This thread's view of guest memory.
    public let mmu: MMU
    /// Decoded code of this thread.
    let blocks: BlockCache
    /// Instructions retired by this thread (for reverse execution and the debugger).
    public var retired: UInt64 = 0
    /// Index in its block of the instruction that trapped.
    var faultIndex = 0
    /// -d logging hooks (nil unless asked for).
    var blockLogger: BlockLogger? = nil
    /// Set by an instruction that must hand control back to the thread loop (syscall, hlt...).
    var exitRequest: ExitReason? = nil
    /// Non-zero when the thread must stop at the next block boundary (debugger, signals).
    /// Written by other threads; read with a relaxed load each block.
    public let attention: UnsafeMutablePointer<UInt32>

    public init(mmu: MMU) {
        self.mmu = mmu
        blocks = BlockCache(space: mmu.space)
        attention = .allocate(capacity: 1)
        attention.initialize(to: 0)
        regs = .allocate(byteCount: RegFile.size, alignment: 16)
        regs.initializeMemory(as: UInt8.self, repeating: 0, count: RegFile.size)
        xmm = .allocate(byteCount: 16 * 16, alignment: 16)
        xmm.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
    }

    deinit {
        attention.deallocate()
        regs.deallocate()
        xmm.deallocate()
    }

    // MARK: Register access by byte offset (decoded form)

    @inline(__always) func r64(_ off: UInt8) -> UInt64 { regs.load(fromByteOffset: Int(off), as: UInt64.self) }
    @inline(__always) func r32(_ off: UInt8) -> UInt32 { regs.load(fromByteOffset: Int(off), as: UInt32.self) }
    @inline(__always) func r16(_ off: UInt8) -> UInt16 { regs.load(fromByteOffset: Int(off), as: UInt16.self) }
    @inline(__always) func r8(_ off: UInt8) -> UInt8 { regs.load(fromByteOffset: Int(off), as: UInt8.self) }
    @inline(__always) func set64(_ off: UInt8, _ v: UInt64) { regs.storeBytes(of: v, toByteOffset: Int(off), as: UInt64.self) }
    /// 32-bit writes zero the upper half, as in hardware.
    @inline(__always) func set32(_ off: UInt8, _ v: UInt32) { regs.storeBytes(of: UInt64(v), toByteOffset: Int(off), as: UInt64.self) }
    @inline(__always) func set16(_ off: UInt8, _ v: UInt16) { regs.storeBytes(of: v, toByteOffset: Int(off), as: UInt16.self) }
    @inline(__always) func set8(_ off: UInt8, _ v: UInt8) { regs.storeBytes(of: v, toByteOffset: Int(off), as: UInt8.self) }

    /// Generic register read of width T (byte offset form).
    @inline(__always) func reg<T: FixedWidthInteger>(_ off: UInt8, _: T.Type = T.self) -> T {
        regs.load(fromByteOffset: Int(off), as: T.self)
    }
    /// Generic register write with x86 semantics (32-bit zero-extends).
    @inline(__always) func setReg<T: FixedWidthInteger>(_ off: UInt8, _ v: T) {
        if T.bitWidth == 32 {
            regs.storeBytes(of: UInt64(truncatingIfNeeded: v), toByteOffset: Int(off), as: UInt64.self)
        } else {
            regs.storeBytes(of: v, toByteOffset: Int(off), as: T.self)
        }
    }

    // MARK: Register access by name (for the OS layer, debugger, tests)

    public subscript(_ r: GPR) -> UInt64 {
        get { r64(RegFile.offset(r.rawValue)) }
        set { set64(RegFile.offset(r.rawValue), newValue) }
    }
    public var fsBase: UInt64 {
        get { r64(RegFile.fsBase) }
        set { set64(RegFile.fsBase, newValue) }
    }
    public var gsBase: UInt64 {
        get { r64(RegFile.gsBase) }
        set { set64(RegFile.gsBase, newValue) }
    }

    public func xmmBytes(_ i: Int) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: xmm + i * 16, count: 16))
    }
    public func setXMM(_ i: Int, _ bytes: [UInt8]) {
        precondition(bytes.count == 16)
        bytes.withUnsafeBytes { (xmm + i * 16).copyMemory(from: $0.baseAddress!, byteCount: 16) }
    }
    public func xmmLow64(_ i: Int) -> UInt64 { xmm.load(fromByteOffset: i * 16, as: UInt64.self) }
    public func xmmHigh64(_ i: Int) -> UInt64 { xmm.load(fromByteOffset: i * 16 + 8, as: UInt64.self) }
    public func setXMM(_ i: Int, low: UInt64, high: UInt64) {
        xmm.storeBytes(of: low, toByteOffset: i * 16, as: UInt64.self)
        xmm.storeBytes(of: high, toByteOffset: i * 16 + 8, as: UInt64.self)
    }
}
