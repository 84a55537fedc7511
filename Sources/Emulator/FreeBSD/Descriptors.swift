import Glibc

/// What the emulator keeps about guest descriptors beyond the host's own state: the kqueue
/// behind each kqueue descriptor number (duplicates included) and the sockets marked
/// SO_NOSIGPIPE. Every path that closes or duplicates a guest descriptor reports it here, so
/// that knotes vanish with their descriptor as on FreeBSD and a reused number never
/// inherits stale state.
final class DescriptorState: @unchecked Sendable {
    let lock = Lock()
    /// kqueue descriptor numbers -> kqueue (several numbers after dup).
    var kqueues: [Int32: Kqueue] = [:]
    /// Inode numbers of sockets with SO_NOSIGPIPE set (a socket's inode is unique while it
    /// is open; a new socket with a recycled inode clears the entry).
    var noSigPipe: Set<UInt64> = []
}

extension GuestProcess {
    // MARK: The emulator's own descriptors

    /// True for descriptors the emulator keeps for itself (hidden from the guest).
    func isPrivateDescriptor(_ f: Int32) -> Bool {
        lock.withLock { privateDescriptors.contains(f) }
    }

    /// Moves a host descriptor the emulator keeps for itself to 1000 or above (out of the
    /// numbers the guest gets) and hides it from the guest.
    func makePrivateDescriptor(_ f: Int32) -> Int32 {
        var fd = f
        let high = fcntl(f, F_DUPFD_CLOEXEC, 1000)
        if high >= 0 {
            close(f)
            fd = high
        }
        lock.withLock { _ = privateDescriptors.insert(fd) }
        return fd
    }

    func releasePrivateDescriptor(_ f: Int32) {
        lock.withLock { _ = privateDescriptors.remove(f) }
        close(f)
    }

    // MARK: Lifecycle hooks

    /// Called before a guest descriptor is closed (close, dup2 onto it, close_range): its
    /// knotes are dropped from every kqueue (FreeBSD's knote_fdclose) and, when it is the
    /// last number of a kqueue, that kqueue goes away.
    func descriptorWillClose(_ fd: Int32) {
        let st = descriptorState
        let (all, closing) = st.lock.withLock { () -> ([Kqueue], Kqueue?) in
            if st.kqueues.isEmpty { return ([], nil) }
            let k = st.kqueues.removeValue(forKey: fd)
            var seen = Set<ObjectIdentifier>()
            var list: [Kqueue] = []
            for q in st.kqueues.values where seen.insert(ObjectIdentifier(q)).inserted { list.append(q) }
            if let k = k, seen.contains(ObjectIdentifier(k)) { return (list, nil) }   // other numbers remain
            return (list, k)
        }
        for k in all { k.descriptorClosing(fd) }
        closing?.destroy(self)
    }

    /// Called after `from` was duplicated to `to` (dup, dup2, fcntl F_DUPFD*).
    func descriptorDuplicated(_ from: Int32, to: Int32) {
        let st = descriptorState
        st.lock.withLock {
            if let k = st.kqueues[from] { st.kqueues[to] = k }
        }
    }

    func registerKqueue(_ k: Kqueue, at fd: Int32) {
        descriptorState.lock.withLock { descriptorState.kqueues[fd] = k }
    }

    func kqueue(for fd: Int32) -> Kqueue? {
        descriptorState.lock.withLock { descriptorState.kqueues[fd] }
    }

    /// Every kqueue once (EVFILT_SIGNAL delivery).
    func allKqueues() -> [Kqueue] {
        let st = descriptorState
        return st.lock.withLock {
            if st.kqueues.isEmpty { return [] }
            var seen = Set<ObjectIdentifier>()
            return st.kqueues.values.filter { seen.insert(ObjectIdentifier($0)).inserted }
        }
    }

    // MARK: SO_NOSIGPIPE

    static func socketInode(_ fd: Int32) -> UInt64? {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFSOCK else { return nil }
        return UInt64(st.st_ino)
    }

    func setNoSigPipe(_ fd: Int32, _ on: Bool) throws(FreeBSDErrno) {
        guard let ino = GuestProcess.socketInode(fd) else {
            if fcntl(fd, F_GETFD) < 0 { throw .EBADF }
            throw .ENOTSOCK
        }
        descriptorState.lock.withLock {
            if on { descriptorState.noSigPipe.insert(ino) } else { descriptorState.noSigPipe.remove(ino) }
        }
    }

    func hasNoSigPipe(_ fd: Int32) -> Bool {
        let st = descriptorState
        if st.lock.withLock({ st.noSigPipe.isEmpty }) { return false }
        guard let ino = GuestProcess.socketInode(fd) else { return false }
        return st.lock.withLock { st.noSigPipe.contains(ino) }
    }

    /// A new socket descriptor: an SO_NOSIGPIPE mark left by a closed socket with the same
    /// inode number does not apply to it.
    func socketCreated(_ fd: Int32) {
        let st = descriptorState
        if st.lock.withLock({ st.noSigPipe.isEmpty }) { return }
        guard let ino = GuestProcess.socketInode(fd) else { return }
        _ = st.lock.withLock { st.noSigPipe.remove(ino) }
    }

    /// EVFILT_SIGNAL: a signal was sent to the process or one of its threads.
    func noteSignalForKqueues(_ sig: Int32) {
        for k in allKqueues() { k.signalPosted(sig) }
    }
}

extension GuestProcess {
    // MARK: fork and exec

    /// The child side of a fork: FreeBSD does not copy kqueue descriptors (their files are not
    /// DFLAG_PASSABLE), so the child's kqueue numbers are free and the inner descriptors go.
    /// Only the forking thread exists here; locks another thread held are reset, not taken.
    func descriptorsAfterFork() {
        let st = descriptorState
        st.lock.reinitializeAfterFork()
        var seen = Set<ObjectIdentifier>()
        for (fd, k) in st.kqueues {
            close(fd)
            if seen.insert(ObjectIdentifier(k)).inserted {
                for f in [k.readSet, k.writeSet, k.wakeup, k.timer] {
                    close(f)
                    privateDescriptors.remove(f)
                }
            }
        }
        st.kqueues = [:]
    }

    /// execve: FreeBSD closes kqueue descriptors (fdcloseexec drops files that are not
    /// passable). They are marked close-on-exec for the host exec; the returned closure puts
    /// their flags back if the exec fails.
    func prepareDescriptorsForExec() -> () -> Void {
        let numbers = descriptorState.lock.withLock { Array(descriptorState.kqueues.keys) }
        let saved = numbers.map { ($0, fcntl($0, F_GETFD)) }
        for f in numbers { _ = fcntl(f, F_SETFD, FD_CLOEXEC) }
        return { for (f, flags) in saved where flags >= 0 { _ = fcntl(f, F_SETFD, flags) } }
    }
}
