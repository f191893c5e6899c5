#include "io/Sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace ssb::io {

Digest256 sha256(const void* data, std::size_t size) {
  Digest256 out{};
  unsigned int len = 0;
  if (EVP_Digest(data, size, out.data(), &len, EVP_sha256(), nullptr) != 1 || len != out.size())
    throw std::runtime_error("SHA-256: OpenSSL digest failed");
  return out;
}

std::string toHex(const Digest256& digest) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (auto b : digest) {
    s.push_back(kHex[b >> 4]);
    s.push_back(kHex[b & 15]);
  }
  return s;
}

}  // namespace ssb::io
