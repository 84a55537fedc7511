import Glibc

/// Header of a decoded block; its `count` instructions follow it in memory.
struct BlockHeader {
    var startPC: UInt64
    var count: UInt32
    var flags: UInt32
    /// Two remembered successors (fall-through/taken), so the common path skips the lookup.
    var successorPC0: UInt64
    var successor0: UnsafeMutablePointer<BlockHeader>?
    var successorPC1: UInt64
    var successor1: UnsafeMutablePointer<BlockHeader>?
    var endPC: UInt64
    var pad: UInt64

}

extension UnsafeMutablePointer where Pointee == BlockHeader {
    /// The block's instructions, stored right after its header.
    @inline(__always) var instructions: UnsafeMutablePointer<Instruction> {
        UnsafeMutableRawPointer(self + 1).assumingMemoryBound(to: Instruction.self)
    }
}

/// Decoded blocks of one thread: a bump arena of blocks and a direct-mapped table from guest pc
/// to block, backed by a dictionary for collisions. Dropped whole when any code page changes
/// (the address space's code generation moves), which keeps invalidation simple and correct.
final class BlockCache {
    unowned(unsafe) let space: AddressSpace
    static let tableSize = 1 << 14
    private let table: UnsafeMutablePointer<(UInt64, UnsafeMutablePointer<BlockHeader>?)>
    private var overflow: [UInt64: UnsafeMutablePointer<BlockHeader>] = [:]
    private var chunks: [UnsafeMutableRawPointer] = []
    private var chunkIndex = 0
    private var cursor: UnsafeMutableRawPointer? = nil
    private var chunkEnd: UnsafeMutableRawPointer? = nil
    static let chunkSize = 1 << 20
    var generation: UInt64

    init(space: AddressSpace) {
        self.space = space
        table = .allocate(capacity: BlockCache.tableSize)
        table.initialize(repeating: (UInt64.max, nil), count: BlockCache.tableSize)
        generation = space.codeGeneration
    }

    deinit {
        table.deallocate()
        for c in chunks { free(c) }
    }

    @inline(__always) func lookup(_ pc: UInt64) -> UnsafeMutablePointer<BlockHeader>? {
        let e = table[Int(truncatingIfNeeded: (pc ^ (pc >> 14)) & UInt64(BlockCache.tableSize - 1))]
        if e.0 == pc { return e.1 }
        return lookupSlow(pc)
    }

    @inline(never) private func lookupSlow(_ pc: UInt64) -> UnsafeMutablePointer<BlockHeader>? {
        guard let b = overflow[pc] else { return nil }
        table[Int(truncatingIfNeeded: (pc ^ (pc >> 14)) & UInt64(BlockCache.tableSize - 1))] = (pc, b)
        return b
    }

    func insert(_ b: UnsafeMutablePointer<BlockHeader>) {
        let pc = b.pointee.startPC
        let i = Int(truncatingIfNeeded: (pc ^ (pc >> 14)) & UInt64(BlockCache.tableSize - 1))
        if let old = table[i].1, table[i].0 != pc { overflow[old.pointee.startPC] = old }
        table[i] = (pc, b)
        overflow[pc] = b
    }

    /// Memory for a block of `count` instructions.
    func allocate(count: Int) -> UnsafeMutablePointer<BlockHeader> {
        let bytes = MemoryLayout<BlockHeader>.stride + count * MemoryLayout<Instruction>.stride
        if cursor == nil || cursor! + bytes > chunkEnd! {
            if chunkIndex == chunks.count {
                chunks.append(malloc(BlockCache.chunkSize)!)
            }
            cursor = chunks[chunkIndex]
            chunkEnd = cursor! + BlockCache.chunkSize
            chunkIndex += 1
        }
        let p = cursor!.bindMemory(to: BlockHeader.self, capacity: 1)
        cursor! += (bytes + 63) & ~63
        return p
    }

    /// Drops every block (keeps the arena's memory for reuse).
    func flush() {
        table.update(repeating: (UInt64.max, nil), count: BlockCache.tableSize)
        overflow.removeAll(keepingCapacity: true)
        chunkIndex = 0
        cursor = nil
        chunkEnd = nil
        generation = space.codeGeneration
    }
}
