#pragma once
// SHA-256 digests (OpenSSL EVP) of inputs, recorded in provenance.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ssb::io {

using Digest256 = std::array<std::uint8_t, 32>;

Digest256 sha256(const void* data, std::size_t size);
std::string toHex(const Digest256& digest);
inline std::string sha256Hex(const std::string& bytes) {
  return toHex(sha256(bytes.data(), bytes.size()));
}

}  // namespace ssb::io
