# Reports TCP_NODELAY for every TCP socket of process PID whose local port is PORT, as
# "remote_port nodelay" lines. It duplicates the sockets with pidfd_getfd (Linux >= 5.6) and asks
# the kernel directly, so the test does not trust the server's own account of its sockets.
import ctypes
import os
import socket
import sys

pid, port = int(sys.argv[1]), int(sys.argv[2])
SYS_PIDFD_GETFD = 438
libc = ctypes.CDLL(None, use_errno=True)


def inodes_for_port():
    found = {}
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    local_port = int(fields[1].rsplit(':', 1)[1], 16)
                    remote_port = int(fields[2].rsplit(':', 1)[1], 16)
                    state = fields[3]
                    if local_port == port and state == '01':  # ESTABLISHED
                        found[fields[9]] = remote_port
        except FileNotFoundError:
            pass
    return found


inodes = inodes_for_port()
pidfd = os.pidfd_open(pid)
for fd_name in os.listdir(f'/proc/{pid}/fd'):
    try:
        target = os.readlink(f'/proc/{pid}/fd/{fd_name}')
    except OSError:
        continue
    if not target.startswith('socket:['):
        continue
    inode = target[8:-1]
    if inode not in inodes:
        continue
    local_fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(fd_name), 0)
    if local_fd < 0:
        sys.exit(f'pidfd_getfd failed: errno {ctypes.get_errno()}')
    s = socket.socket(fileno=local_fd)
    print(inodes[inode], s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    s.detach()
    os.close(local_fd)
