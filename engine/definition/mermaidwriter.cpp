// writeMermaid(): the workflow as a Mermaid flowchart, for any Markdown viewer. Nodes are shaped
// by state type (task box, choice diamond, wait hexagon, approval trapezoid, pass rounded,
// succeed/fail stadiums), parallel branches and map processors are subgraphs, choice edges carry
// their condition, catch edges are dashed. All nodes are declared before any edge, because
// Mermaid puts a node in the subgraph where it is first mentioned.
#include "signalbox/codecs.h"
#include "signalbox/condition.h"

#include <map>
#include <set>
#include <sstream>

namespace Signalbox {

namespace {

// Text inside "..." labels: Mermaid entity codes for the characters it would otherwise parse.
std::string label(const std::string &text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '#':
            out += "#35;";
            break;
        case '"':
            out += "#quot;";
            break;
        case '<':
            out += "#lt;";
            break;
        case '>':
            out += "#gt;";
            break;
        case '\n':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    return '"' + out + '"';
}

std::string join(const std::vector<std::string> &items, const char *separator)
{
    std::string out;
    for (const std::string &i : items)
        out += (out.empty() ? "" : separator) + i;
    return out;
}

class MermaidWriter
{
public:
    std::string write(const Definition &def);

private:
    void assignIds(const StateMachine &m);
    void nodes(const StateMachine &m, int depth);
    void edges(const StateMachine &m, bool topLevel);
    std::string id(const std::string &name) const { return m_ids.at(name); }
    std::string indent(int depth) const { return std::string(4 * depth, ' '); }

    std::ostringstream m_out;
    std::map<std::string, std::string> m_ids;
    std::set<std::string> m_used = {"sb_start", "sb_end"};
    std::map<std::string, std::vector<std::string>> m_classes; // classDef name -> node ids
};

void MermaidWriter::assignIds(const StateMachine &m)
{
    for (const State &s : m.states) {
        // Ids are letters, digits and '_' only, prefixed so no name can be a Mermaid keyword
        // ("end", "graph", "subgraph"...).
        std::string base = "s_";
        for (const char c : s.name)
            base += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        std::string candidate = base;
        for (int n = 2; m_used.count(candidate); ++n)
            candidate = base + '_' + std::to_string(n);
        m_used.insert(candidate);
        m_ids.emplace(s.name, candidate);
        for (const auto &b : s.branches) {
            if (b)
                assignIds(*b);
        }
        if (s.processor)
            assignIds(*s.processor);
    }
}

void MermaidWriter::nodes(const StateMachine &m, int depth)
{
    const std::string pad = indent(depth);
    for (const State &s : m.states) {
        const std::string nodeId = id(s.name);
        const std::string text = label(s.name);
        switch (s.type) {
        case StateType::Task:
            m_out << pad << nodeId << '[' << text << "]\n";
            m_classes["task"].push_back(nodeId);
            break;
        case StateType::Choice:
            m_out << pad << nodeId << '{' << text << "}\n";
            m_classes["choice"].push_back(nodeId);
            break;
        case StateType::Wait:
            m_out << pad << nodeId << "{{" << text << "}}\n";
            m_classes["wait"].push_back(nodeId);
            break;
        case StateType::WaitForEvent:
            m_out << pad << nodeId << "[/" << text << "\\]\n";
            m_classes["approval"].push_back(nodeId);
            break;
        case StateType::Pass:
            m_out << pad << nodeId << '(' << text << ")\n";
            m_classes["pass"].push_back(nodeId);
            break;
        case StateType::Succeed:
            m_out << pad << nodeId << "([" << text << "])\n";
            m_classes["succeed"].push_back(nodeId);
            break;
        case StateType::Fail:
            m_out << pad << nodeId << "([" << text << "])\n";
            m_classes["fail"].push_back(nodeId);
            break;
        case StateType::Parallel: {
            m_out << pad << "subgraph " << nodeId << '[' << label(s.name + " (parallel)") << "]\n";
            for (std::size_t i = 0; i < s.branches.size(); ++i) {
                if (!s.branches[i])
                    continue;
                m_out << pad << "    subgraph " << nodeId << "_branch" << i + 1 << '['
                      << label("branch " + std::to_string(i + 1)) << "]\n";
                nodes(*s.branches[i], depth + 2);
                m_out << pad << "    end\n";
            }
            m_out << pad << "end\n";
            break;
        }
        case StateType::Map:
            m_out << pad << "subgraph " << nodeId << '['
                  << label(s.name + " (map" + (s.itemsPath.empty() ? "" : " over " + s.itemsPath)
                           + ")")
                  << "]\n";
            if (s.processor)
                nodes(*s.processor, depth + 1);
            m_out << pad << "end\n";
            break;
        }
    }
}

void MermaidWriter::edges(const StateMachine &m, bool topLevel)
{
    for (const State &s : m.states) {
        const std::string from = id(s.name);
        auto to = [this](const std::string &name) {
            const auto it = m_ids.find(name);
            return it == m_ids.end() ? std::string("sb_missing") : it->second;
        };
        if (!s.next.empty() && !s.end)
            m_out << "    " << from << " --> " << to(s.next) << '\n';
        if (s.end && topLevel)
            m_out << "    " << from << " --> sb_end\n";
        for (const ChoiceRule &c : s.choices) {
            m_out << "    " << from << " -->|" << label(conditionToExpression(c.condition)) << "| "
                  << to(c.next) << '\n';
        }
        if (!s.defaultNext.empty())
            m_out << "    " << from << " -->|\"default\"| " << to(s.defaultNext) << '\n';
        for (const CatchRule &c : s.catchRules)
            m_out << "    " << from << " -.->|" << label(join(c.errors, ", ")) << "| " << to(c.next)
                  << '\n';
        for (const auto &b : s.branches) {
            if (b)
                edges(*b, false);
        }
        if (s.processor)
            edges(*s.processor, false);
    }
}

std::string MermaidWriter::write(const Definition &def)
{
    assignIds(def.machine);
    m_out << "flowchart TD\n";
    if (!def.name.empty())
        m_out << "    %% " << def.name << '\n';
    m_out << "    sb_start((\"start\"))\n";
    nodes(def.machine, 1);
    bool hasEnd = false;
    for (const State &s : def.machine.states)
        hasEnd = hasEnd || (s.end && s.type != StateType::Succeed && s.type != StateType::Fail);
    if (hasEnd)
        m_out << "    sb_end((\"end\"))\n";

    const auto start = m_ids.find(def.machine.startAt);
    if (start != m_ids.end())
        m_out << "    sb_start --> " << start->second << '\n';
    edges(def.machine, true);
    if (m_out.str().find("sb_missing") != std::string::npos)
        m_out << "    sb_missing[\"(missing state)\"]\n";

    m_classes["marker"] = hasEnd ? std::vector<std::string>{"sb_start", "sb_end"}
                                 : std::vector<std::string>{"sb_start"};
    static const std::pair<const char *, const char *> styles[] = {
        {"task", "fill:#e8f0fe,stroke:#3b6fd8,color:#0b2a66"},
        {"choice", "fill:#fff4d6,stroke:#c99700,color:#4d3a00"},
        {"wait", "fill:#eef6f6,stroke:#3f8f8f,color:#173b3b"},
        {"approval", "fill:#f1e8fb,stroke:#7a4cc2,color:#34195e"},
        {"pass", "fill:#f2f2f2,stroke:#777777,color:#222222"},
        {"succeed", "fill:#dff3e3,stroke:#2e8b47,color:#0f3d1c"},
        {"fail", "fill:#fbe3e3,stroke:#c0392b,color:#5c1108"},
        {"marker", "fill:#333333,stroke:#333333,color:#ffffff"},
    };
    for (const auto &[name, style] : styles) {
        const auto it = m_classes.find(name);
        if (it == m_classes.end() || it->second.empty())
            continue;
        m_out << "    classDef " << name << ' ' << style << '\n';
        m_out << "    class " << join(it->second, ",") << ' ' << name << '\n';
    }
    return m_out.str();
}

} // namespace

std::string writeMermaid(const Definition &def)
{
    return MermaidWriter().write(def);
}

} // namespace Signalbox
