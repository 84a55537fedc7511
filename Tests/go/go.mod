module bsdusergdb/gotests

go 1.23
