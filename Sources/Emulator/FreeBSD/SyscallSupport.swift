import Glibc

/// Helpers every handler uses: guest memory access that fails with EFAULT, host calls that
/// fail with the translated errno, descriptor checks.
extension GuestThread {
    func copyIn(_ a: UInt64, count: Int) throws(FreeBSDErrno) -> [UInt8] {
        do { return try space.read(a, count: count) } catch { throw .EFAULT }
    }

    func copyOut(_ a: UInt64, _ bytes: [UInt8]) throws(FreeBSDErrno) {
        do { try space.write(a, bytes) } catch { throw .EFAULT }
    }

    func copyOut(_ a: UInt64, _ bytes: UnsafeRawBufferPointer) throws(FreeBSDErrno) {
        do { try space.write(a, bytes) } catch { throw .EFAULT }
    }

    func load<T: FixedWidthInteger>(_ a: UInt64, _: T.Type = T.self) throws(FreeBSDErrno) -> T {
        do { return try space.readValue(a, as: T.self) } catch { throw .EFAULT }
    }

    func store<T: FixedWidthInteger>(_ a: UInt64, _ v: T) throws(FreeBSDErrno) {
        do { try space.writeValue(a, v) } catch { throw .EFAULT }
    }

    /// A NUL-terminated string argument (path names: at most PATH_MAX 1024 bytes).
    func string(_ a: UInt64, limit: Int = 1024) throws(FreeBSDErrno) -> String {
        let bytes: [UInt8]?
        do { bytes = try space.readCString(a, limit: limit) } catch { throw .EFAULT }
        guard let b = bytes else { throw .ENAMETOOLONG }
        return String(decoding: b, as: UTF8.self)
    }

    /// Host memory for a guest buffer, as iovecs (checked for the access first).
    func iovecs(_ a: UInt64, _ length: Int, write: Bool) throws(FreeBSDErrno) -> [iovec] {
        let ranges: [UnsafeMutableRawBufferPointer]
        do { ranges = try space.hostRanges(a, length: length, access: write ? .write : .read) } catch { throw .EFAULT }
        return ranges.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
    }

    /// Reads a guest struct iovec array and maps every element.
    func guestIovecs(_ a: UInt64, count: UInt64, write: Bool) throws(FreeBSDErrno) -> [iovec] {
        guard count <= 1024 else { throw .EINVAL }
        var out: [iovec] = []
        for i in 0..<Int(count) {
            let base: UInt64 = try load(a + UInt64(i * 16))
            let len: UInt64 = try load(a + UInt64(i * 16 + 8))
            guard len <= UInt64(Int.max) else { throw .EINVAL }
            if len > 0 { out += try iovecs(base, Int(len), write: write) }
        }
        return out
    }

    /// Runs a write-like call; EPIPE also sends the thread SIGPIPE, as FreeBSD does, unless
    /// `fd` is a socket with SO_NOSIGPIPE.
    func pipeAware(fd: Int32? = nil, _ body: () throws(FreeBSDErrno) -> UInt64) throws(FreeBSDErrno) -> UInt64 {
        do {
            return try body()
        } catch {
            if error == .EPIPE && !(fd.map { process.hasNoSigPipe($0) } ?? false) {
                post(FreeBSDSignal.SIGPIPE, info: SignalInfo(signo: FreeBSDSignal.SIGPIPE, code: SignalCode.kernel))
            }
            throw error
        }
    }

    /// Stores a new descriptor pair (pipe2, socketpair) as int[2]; closes both if it cannot.
    func copyOutDescriptorPair(_ a: UInt64, _ fds: [Int32]) throws(FreeBSDErrno) {
        var w = StructWriter(size: 8)
        w.put(fds[0], at: 0)
        w.put(fds[1], at: 4)
        do {
            try copyOut(a, w.bytes)
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
    }

    /// A guest descriptor argument: must not name one of the emulator's own descriptors.
    func fd(_ v: UInt64) throws(FreeBSDErrno) -> Int32 {
        let f = Int32(truncatingIfNeeded: v)
        if process.isPrivateDescriptor(f) { throw .EBADF }
        return f
    }

    /// A directory descriptor for *at calls (AT_FDCWD is -100 on both systems).
    func dirfd(_ v: UInt64) throws(FreeBSDErrno) -> Int32 {
        let f = Int32(truncatingIfNeeded: v)
        return f == -100 ? AT_FDCWD : try fd(v)
    }
}

/// Runs a host call that returns -1 and sets errno on failure; retries EINTR; returns the
/// result or throws the FreeBSD errno.
@inline(__always)
func hostCall<T: BinaryInteger>(_ body: () -> T) throws(FreeBSDErrno) -> UInt64 {
    while true {
        let r = body()
        if r >= 0 { return UInt64(r) }
        if errno == EINTR { continue }
        throw FreeBSDErrno.host
    }
}

/// Little-endian byte packing for FreeBSD structures.
struct StructWriter {
    var bytes: [UInt8]
    init(size: Int) { bytes = [UInt8](repeating: 0, count: size) }
    mutating func put<T: FixedWidthInteger>(_ v: T, at off: Int) {
        withUnsafeBytes(of: v.littleEndian) { for (i, b) in $0.enumerated() { bytes[off + i] = b } }
    }
    mutating func put(_ s: [UInt8], at off: Int) { for (i, b) in s.enumerated() { bytes[off + i] = b } }
}

struct StructReader {
    let bytes: [UInt8]
    func get<T: FixedWidthInteger>(_: T.Type, at off: Int) -> T {
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { for i in 0..<MemoryLayout<T>.size { $0[i] = bytes[off + i] } }
        return T(littleEndian: v)
    }
}
