/// An address in the guest's virtual address space. Never a host pointer: only `AddressSpace`
/// and `MMU` turn one into host memory, after checking the mapping and its permissions.
public typealias GuestAddress = UInt64

/// The guest's page size (FreeBSD/amd64, arm64 and riscv64 all use 4 KiB base pages).
public let guestPageSize: UInt64 = 4096
public let guestPageMask: UInt64 = ~(guestPageSize - 1)
/// First address past the user address space (FreeBSD/amd64 LA48: VM_MAXUSER_ADDRESS).
public let guestAddressLimit: UInt64 = 0x0000_8000_0000_0000

@inline(__always) func pageDown(_ a: UInt64) -> UInt64 { a & guestPageMask }
@inline(__always) func pageUp(_ a: UInt64) -> UInt64 { (a &+ guestPageSize &- 1) & guestPageMask }

/// Guest page permissions (FreeBSD's PROT_READ/WRITE/EXEC have the same bit values).
public struct Protection: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let read = Protection(rawValue: 1)
    public static let write = Protection(rawValue: 2)
    public static let exec = Protection(rawValue: 4)
    public static let none: Protection = []
    public static let rw: Protection = [.read, .write]
    public static let rx: Protection = [.read, .exec]
    public static let rwx: Protection = [.read, .write, .exec]
}

/// What kind of access touched guest memory.
public enum AccessKind: UInt8, Sendable {
    case read, write, execute
}

/// Anything that stops a guest instruction before it completes and becomes a synchronous guest
/// signal: memory faults, and the architectural exceptions the interpreter raises. Thrown (typed)
/// from the MMU and the interpreter; the thread turns it into SIGSEGV/SIGBUS/SIGFPE/SIGILL/SIGTRAP.
public struct Trap: Error, Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// Access to an unmapped page, or without permission (SIGSEGV).
        case pageFault
        /// General protection: non-canonical address, misaligned SSE operand, privileged
        /// instruction (FreeBSD/amd64 turns these into SIGBUS or SIGSEGV per trap.c).
        case generalProtection
        case divideError
        case invalidOpcode
        case breakpoint
        case floatingPoint
        case simdFloatingPoint
        /// The thread must stop before this instruction (debugger attention, watchpoint).
        case stop
    }
    public enum Reason: UInt8, Sendable {
        case unmapped, protection, nonCanonical, none
        /// A file mapping's page lies wholly past the end of the file (SIGBUS, BUS_OBJERR).
        case beyondEndOfObject
    }
    public var kind: Kind
    /// Faulting data address for page faults; otherwise 0.
    public var address: GuestAddress
    public var access: AccessKind
    public var reason: Reason

    public init(kind: Kind, address: GuestAddress = 0, access: AccessKind = .read, reason: Reason = .none) {
        self.kind = kind
        self.address = address
        self.access = access
        self.reason = reason
    }

    static func memory(_ a: GuestAddress, _ access: AccessKind, _ reason: Reason) -> Trap {
        Trap(kind: reason == .nonCanonical ? .generalProtection : .pageFault, address: a, access: access, reason: reason)
    }
}
