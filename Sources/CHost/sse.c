// Out-of-line host SSE shims: instructions whose immediate selects among 256 behaviours. Inline
// asm needs the immediate at compile time, so each shim is a switch with one case per value.
#include "CHostSSE.h"

#define SSE_R4(M, n) M(n) M(n + 1) M(n + 2) M(n + 3)
#define SSE_R16(M, n) SSE_R4(M, n) SSE_R4(M, n + 4) SSE_R4(M, n + 8) SSE_R4(M, n + 12)
#define SSE_R256(M) \
    SSE_R16(M, 0) SSE_R16(M, 16) SSE_R16(M, 32) SSE_R16(M, 48) SSE_R16(M, 64) SSE_R16(M, 80) \
    SSE_R16(M, 96) SSE_R16(M, 112) SSE_R16(M, 128) SSE_R16(M, 144) SSE_R16(M, 160) SSE_R16(M, 176) \
    SSE_R16(M, 192) SSE_R16(M, 208) SSE_R16(M, 224) SSE_R16(M, 240)

#define DPPS_CASE(i) case i: __asm__ volatile("dpps %2, %1, %0" : "+x"(a) : "x"(b), "i"(i)); break;
sse_v128 sse_dpps(sse_v128 a, sse_v128 b, uint8_t imm) {
    switch (imm) { SSE_R256(DPPS_CASE) }
    return a;
}

#define DPPD_CASE(i) case i: __asm__ volatile("dppd %2, %1, %0" : "+x"(a) : "x"(b), "i"(i)); break;
sse_v128 sse_dppd(sse_v128 a, sse_v128 b, uint8_t imm) {
    switch (imm) { SSE_R256(DPPD_CASE) }
    return a;
}

// The four flags the string compares define, packed at their EFLAGS positions.
static inline uint32_t sse_string_flags(uint8_t c, uint8_t z, uint8_t s, uint8_t o) {
    return (uint32_t)c | ((uint32_t)z << 6) | ((uint32_t)s << 7) | ((uint32_t)o << 11);
}

#define SSE_FLAG_OUTPUTS [c] "=&q"(c), [z] "=&q"(z), [s] "=&q"(s), [o] "=&q"(o)
#define SSE_SET_FLAGS "\n\tsetc %[c]\n\tsetz %[z]\n\tsets %[s]\n\tseto %[o]"

#define PCMPESTRI_CASE(i) case i: \
    __asm__ volatile("pcmpestri %[imm], %[b], %[a]" SSE_SET_FLAGS \
                     : "=c"(index), SSE_FLAG_OUTPUTS \
                     : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb), [imm] "i"(i) : "cc"); break;
uint64_t sse_pcmpestri(sse_v128 a, sse_v128 b, int32_t la, int32_t lb, uint8_t imm) {
    uint32_t index = 0;
    uint8_t c = 0, z = 0, s = 0, o = 0;
    switch (imm) { SSE_R256(PCMPESTRI_CASE) }
    return (uint64_t)index | ((uint64_t)sse_string_flags(c, z, s, o) << 32);
}

#define PCMPISTRI_CASE(i) case i: \
    __asm__ volatile("pcmpistri %[imm], %[b], %[a]" SSE_SET_FLAGS \
                     : "=c"(index), SSE_FLAG_OUTPUTS \
                     : [a] "x"(a), [b] "x"(b), [imm] "i"(i) : "cc"); break;
uint64_t sse_pcmpistri(sse_v128 a, sse_v128 b, uint8_t imm) {
    uint32_t index = 0;
    uint8_t c = 0, z = 0, s = 0, o = 0;
    switch (imm) { SSE_R256(PCMPISTRI_CASE) }
    return (uint64_t)index | ((uint64_t)sse_string_flags(c, z, s, o) << 32);
}

#define PCMPESTRM_CASE(i) case i: \
    __asm__ volatile("pcmpestrm %[imm], %[b], %[a]" SSE_SET_FLAGS \
                     : "=Yz"(mask), SSE_FLAG_OUTPUTS \
                     : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb), [imm] "i"(i) : "cc"); break;
sse_v128 sse_pcmpestrm(sse_v128 a, sse_v128 b, int32_t la, int32_t lb, uint8_t imm, uint32_t *flags) {
    sse_v128 mask = {0, 0};
    uint8_t c = 0, z = 0, s = 0, o = 0;
    switch (imm) { SSE_R256(PCMPESTRM_CASE) }
    *flags = sse_string_flags(c, z, s, o);
    return mask;
}

#define PCMPISTRM_CASE(i) case i: \
    __asm__ volatile("pcmpistrm %[imm], %[b], %[a]" SSE_SET_FLAGS \
                     : "=Yz"(mask), SSE_FLAG_OUTPUTS \
                     : [a] "x"(a), [b] "x"(b), [imm] "i"(i) : "cc"); break;
sse_v128 sse_pcmpistrm(sse_v128 a, sse_v128 b, uint8_t imm, uint32_t *flags) {
    sse_v128 mask = {0, 0};
    uint8_t c = 0, z = 0, s = 0, o = 0;
    switch (imm) { SSE_R256(PCMPISTRM_CASE) }
    *flags = sse_string_flags(c, z, s, o);
    return mask;
}
