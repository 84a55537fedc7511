import CHost
import Glibc

/// Linux values Glibc's Swift overlay does not export (they sit behind _GNU_SOURCE).
enum Linux {
    static let O_DIRECT: Int32 = 0o40000
    static let O_PATH: Int32 = 0o10000000
    static let AT_EMPTY_PATH: Int32 = 0x1000
    static let SYS_getdents64 = 217
    static let SYS_dup3 = 292

    static func getdents64(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int {
        let r = host_syscall6(SYS_getdents64, Int(fd), Int(bitPattern: buf), count, 0, 0, 0)
        if r < 0 { errno = Int32(-r); return -1 }
        return r
    }

    static func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        let r = host_syscall6(293, Int(bitPattern: fds), Int(flags), 0, 0, 0, 0)
        if r < 0 { errno = Int32(-r); return -1 }
        return 0
    }

    static func dup3(_ a: Int32, _ b: Int32, _ flags: Int32) -> Int32 {
        let r = host_syscall6(SYS_dup3, Int(a), Int(b), Int(flags), 0, 0, 0)
        if r < 0 { errno = Int32(-r); return -1 }
        return Int32(r)
    }
}
