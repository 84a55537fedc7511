module guestgo

go 1.19
