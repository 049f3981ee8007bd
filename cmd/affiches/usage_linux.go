package main

// maxrssUnit: Linux gives ru_maxrss in KiB.
const maxrssUnit = 1024
