// Replay driver for the fuzz targets when libFuzzer is not available (gcc builds): runs every
// file of the given folders through LLVMFuzzerTestOneInput, then N deterministic mutations of
// each (byte flips, deletions, insertions of YAML/JSON punctuation, splices). Usage:
//   fuzz_yaml ROUNDS DIR...
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

void feed(const std::string &s)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(s.data()), s.size());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ROUNDS DIR...\n", argv[0]);
        return 2;
    }
    const int rounds = std::atoi(argv[1]);
    std::vector<std::string> corpus;
    for (int i = 2; i < argc; ++i) {
        std::error_code ec;
        for (const auto &entry : std::filesystem::directory_iterator(argv[i], ec)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            corpus.push_back(ss.str());
        }
    }
    if (corpus.empty()) {
        std::fprintf(stderr, "no corpus files found\n");
        return 1;
    }
    uint32_t state = 0x5eed;
    auto next = [&state]() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    };
    const char punct[] = "{}[]:,-&*!|>'\"#\n\t $.\\\x00\xff";
    long runs = 0;
    for (const std::string &c : corpus) {
        feed(c);
        ++runs;
        for (int r = 0; r < rounds; ++r) {
            std::string s = c.empty() ? std::string("x") : c;
            const int edits = 1 + int(next() % 8);
            for (int e = 0; e < edits && !s.empty(); ++e) {
                const size_t pos = next() % s.size();
                switch (next() % 5) {
                case 0:
                    s[pos] = char(next() & 0xff);
                    break;
                case 1:
                    s.erase(pos, 1 + next() % 16);
                    break;
                case 2:
                    s.insert(pos, 1, punct[next() % (sizeof(punct) - 1)]);
                    break;
                case 3: {
                    const std::string &other = corpus[next() % corpus.size()];
                    if (!other.empty()) {
                        const size_t from = next() % other.size();
                        s.insert(pos, other.substr(from, 1 + next() % 64));
                    }
                    break;
                }
                default:
                    s.insert(pos, s.substr(pos, 1 + next() % 32)); // repetition
                    break;
                }
            }
            feed(s);
            ++runs;
        }
    }
    std::printf("%ld inputs, no crash\n", runs);
    return 0;
}
