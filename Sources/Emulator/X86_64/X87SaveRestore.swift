import CHost

/// Layout facts of the x87/SSE state images (Intel SDM vol. 1 §8.1.10 and vol. 2 FXSAVE).
enum X87SaveArea {
    /// MXCSR bits fxsave reports as supported: the host's own MXCSR_MASK, limited to the bits
    /// the emulated MXCSR accepts (the low 16).
    static let mxcsrMask: UInt32 = hx87_mxcsr_mask() & 0xFFFF
    /// fxsave/fxrstor area size; it must be 16-byte aligned.
    static let fxsaveSize = 512
    /// Reserved halves of the 32-bit environment and selectors read as all ones on the host.
    static let reservedHalf: UInt16 = 0xFFFF
}

// fnstenv/fldenv, fnsave/frstor, fxsave/fxrstor. Selectors (FCS, FDS) are stored as 0, as on
// processors that deprecate them; FIP, FDP and FOP are always stored (Intel behaviour; AMD
// hosts store them only while an exception is pending).
extension X86CPU {
    /// The full tag word: two bits per physical register (valid 0, zero 1, special 2, empty 3).
    var x87TagWord: UInt16 {
        var tw: UInt16 = 0
        for r in 0..<8 {
            let tag: UInt16
            if x87.tagValid & (1 << UInt8(r)) == 0 {
                tag = 3
            } else {
                let p = x87.regs + r * 16
                let m = p.load(as: UInt64.self)
                let e = p.load(fromByteOffset: 8, as: UInt16.self) & 0x7FFF
                if e == 0x7FFF {
                    tag = 2
                } else if e == 0 {
                    tag = m == 0 ? 1 : 2
                } else {
                    tag = m >> 63 == 0 ? 2 : 0   // unnormal: no integer bit
                }
            }
            tw |= tag << UInt16(r * 2)
        }
        return tw
    }

    /// Valid bits from a full tag word (the hardware only keeps empty / not empty).
    static func x87ValidBits(fromTagWord tw: UInt16) -> UInt8 {
        var valid: UInt8 = 0
        for r in 0..<8 where (tw >> UInt16(r * 2)) & 3 != 3 { valid |= 1 << UInt8(r) }
        return valid
    }

    // MARK: fnstenv / fldenv

    /// Stores the environment (28 bytes, or 14 in the 16-bit format).
    func storeX87Environment(_ addr: UInt64, sixteenBit: Bool) throws(Trap) {
        try writeX87Environment(addr, sixteenBit: sixteenBit)
        // fnstenv masks all exceptions after saving.
        x87.control |= X87Status.exceptions
        refreshX87ErrorSummary()
    }

    private func writeX87Environment(_ addr: UInt64, sixteenBit: Bool) throws(Trap) {
        let size = sixteenBit ? 14 : 28
        try probeWrite(addr, count: size)
        if sixteenBit {
            try mmu.store(addr, x87.control)
            try mmu.store(addr &+ 2, x87StatusWord)
            try mmu.store(addr &+ 4, x87TagWord)
            try mmu.store(addr &+ 6, UInt16(truncatingIfNeeded: x87.lastIP))
            try mmu.store(addr &+ 8, UInt16(0))
            try mmu.store(addr &+ 10, UInt16(truncatingIfNeeded: x87.lastDP))
            try mmu.store(addr &+ 12, UInt16(0))
            return
        }
        let ones = X87SaveArea.reservedHalf
        try mmu.store(addr, x87.control)
        try mmu.store(addr &+ 2, ones)
        try mmu.store(addr &+ 4, x87StatusWord)
        try mmu.store(addr &+ 6, ones)
        try mmu.store(addr &+ 8, x87TagWord)
        try mmu.store(addr &+ 10, ones)
        try mmu.store(addr &+ 12, UInt32(truncatingIfNeeded: x87.lastIP))
        try mmu.store(addr &+ 16, UInt16(0))                     // FCS
        try mmu.store(addr &+ 18, x87.lastOpcode & 0x7FF)
        try mmu.store(addr &+ 20, UInt32(truncatingIfNeeded: x87.lastDP))
        try mmu.store(addr &+ 24, UInt16(0))                     // FDS
        try mmu.store(addr &+ 26, ones)
    }

    /// Loads the environment; all loads happen before any state changes.
    func loadX87Environment(_ addr: UInt64, sixteenBit: Bool) throws(Trap) {
        try probeRead(addr, count: sixteenBit ? 14 : 28)
        let cw: UInt16, sw: UInt16, tw: UInt16, ip: UInt64, dp: UInt64, fop: UInt16
        if sixteenBit {
            cw = try mmu.load(addr)
            sw = try mmu.load(addr &+ 2)
            tw = try mmu.load(addr &+ 4)
            ip = UInt64(try mmu.load(addr &+ 6, as: UInt16.self))
            dp = UInt64(try mmu.load(addr &+ 10, as: UInt16.self))
            fop = 0
        } else {
            cw = try mmu.load(addr)
            sw = try mmu.load(addr &+ 4)
            tw = try mmu.load(addr &+ 8)
            ip = UInt64(try mmu.load(addr &+ 12, as: UInt32.self))
            fop = try mmu.load(addr &+ 18, as: UInt16.self) & 0x7FF
            dp = UInt64(try mmu.load(addr &+ 20, as: UInt32.self))
        }
        setX87ControlWord(cw)
        setX87StatusWord(sw)
        x87.tagValid = X86CPU.x87ValidBits(fromTagWord: tw)
        x87.lastIP = ip
        x87.lastDP = dp
        if !sixteenBit { x87.lastOpcode = fop }
        refreshX87ErrorSummary()
    }

    // MARK: fnsave / frstor

    /// fnsave: the environment, then ST(0)...ST(7) as 10-byte values; then fninit.
    func saveX87(_ addr: UInt64, sixteenBit: Bool) throws(Trap) {
        let envSize = sixteenBit ? 14 : 28
        try probeWrite(addr, count: envSize + 80)
        try writeX87Environment(addr, sixteenBit: sixteenBit)
        for i in 0..<8 {
            let (m, e) = stLoad(i)
            let a = addr &+ UInt64(envSize + 10 * i)
            try mmu.store(a, m)
            try mmu.store(a &+ 8, e)
        }
        initializeX87()
    }

    /// frstor: the inverse of fnsave.
    func restoreX87(_ addr: UInt64, sixteenBit: Bool) throws(Trap) {
        let envSize = sixteenBit ? 14 : 28
        try probeRead(addr, count: envSize + 80)
        try loadX87Environment(addr, sixteenBit: sixteenBit)
        for i in 0..<8 {
            let a = addr &+ UInt64(envSize + 10 * i)
            let p = stSlot(i)
            p.storeBytes(of: try mmu.load(a, as: UInt64.self), as: UInt64.self)
            p.storeBytes(of: try mmu.load(a &+ 8, as: UInt16.self), toByteOffset: 8, as: UInt16.self)
        }
    }

    // MARK: fxsave / fxrstor

    /// 0F AE /0 fxsave, /1 fxrstor, /2 ldmxcsr, /3 stmxcsr (`cc`); REX.W selects the 64-bit
    /// layout of the instruction and data pointers.
    func executeFPState(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.cc {
        case 0: try fxsave(ea(d), wide: d.pointee.prefix & Instruction.rexW != 0)
        case 1: try fxrstor(ea(d), wide: d.pointee.prefix & Instruction.rexW != 0)
        case 2: try executeMXCSR(d, store: false)
        default: try executeMXCSR(d, store: true)
        }
    }

    /// Stores the x87, MXCSR and XMM state in the 512-byte FXSAVE layout. Bytes 416...511 are
    /// left alone; the other reserved bytes are written as zero, as the hardware does.
    func fxsave(_ addr: UInt64, wide: Bool) throws(Trap) {
        guard addr & 15 == 0 else { throw Trap(kind: .generalProtection) }
        try probeWrite(addr, count: 416)
        try mmu.store(addr, x87.control)
        try mmu.store(addr &+ 2, x87StatusWord)
        try mmu.store(addr &+ 4, x87.tagValid)
        try mmu.store(addr &+ 5, UInt8(0))
        try mmu.store(addr &+ 6, x87.lastOpcode & 0x7FF)
        if wide {
            try mmu.store(addr &+ 8, x87.lastIP)
            try mmu.store(addr &+ 16, x87.lastDP)
        } else {
            // 32-bit offsets, then the (zero) selector and two reserved bytes.
            try mmu.store(addr &+ 8, x87.lastIP & 0xFFFF_FFFF)
            try mmu.store(addr &+ 16, x87.lastDP & 0xFFFF_FFFF)
        }
        try mmu.store(addr &+ 24, liveMXCSR)
        try mmu.store(addr &+ 28, X87SaveArea.mxcsrMask)
        for i in 0..<8 {
            let (m, e) = stLoad(i)
            let a = addr &+ UInt64(32 + 16 * i)
            try mmu.store(a, m)
            try mmu.store(a &+ 8, UInt64(e))   // value's top 16 bits, then 6 reserved zero bytes
        }
        for r in 0..<16 {
            let a = addr &+ UInt64(160 + 16 * r)
            try mmu.store(a, xmmLow64(r))
            try mmu.store(a &+ 8, xmmHigh64(r))
        }
    }

    /// Loads the state fxsave stored. #GP on misalignment or reserved MXCSR bits, before any
    /// state changes.
    func fxrstor(_ addr: UInt64, wide: Bool) throws(Trap) {
        guard addr & 15 == 0 else { throw Trap(kind: .generalProtection) }
        try probeRead(addr, count: 416)
        let mxcsrValue: UInt32 = try mmu.load(addr &+ 24)
        guard mxcsrValue & ~X87SaveArea.mxcsrMask == 0 else { throw Trap(kind: .generalProtection) }
        try setLiveMXCSR(mxcsrValue)
        setX87ControlWord(try mmu.load(addr))
        setX87StatusWord(try mmu.load(addr &+ 2))
        x87.tagValid = try mmu.load(addr &+ 4)
        x87.lastOpcode = try mmu.load(addr &+ 6, as: UInt16.self) & 0x7FF
        if wide {
            x87.lastIP = try mmu.load(addr &+ 8)
            x87.lastDP = try mmu.load(addr &+ 16)
        } else {
            x87.lastIP = UInt64(try mmu.load(addr &+ 8, as: UInt32.self))
            x87.lastDP = UInt64(try mmu.load(addr &+ 16, as: UInt32.self))
        }
        for i in 0..<8 {
            let a = addr &+ UInt64(32 + 16 * i)
            let p = stSlot(i)
            p.storeBytes(of: try mmu.load(a, as: UInt64.self), as: UInt64.self)
            p.storeBytes(of: try mmu.load(a &+ 8, as: UInt16.self), toByteOffset: 8, as: UInt16.self)
        }
        for r in 0..<16 {
            let a = addr &+ UInt64(160 + 16 * r)
            setXMM(r, low: try mmu.load(a), high: try mmu.load(a &+ 8))
        }
        refreshX87ErrorSummary()
    }
}
