import Emulator
print("bsd-user-gdb")
