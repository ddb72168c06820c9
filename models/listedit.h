// Index-based edits of the inspector's lists (retry policies, catchers, form fields, env,
// headers): each returns false and changes nothing when an index is out of range.
#pragma once

#include <iterator>
#include <utility>

namespace Signalbox {

// Moves item `from` to position `to` (vectors).
template<typename List>
bool moveItem(List &list, int from, int to)
{
    if (from < 0 || to < 0 || from >= int(list.size()) || to >= int(list.size()) || from == to)
        return false;
    auto item = std::move(list[from]);
    list.erase(list.begin() + from);
    list.insert(list.begin() + to, std::move(item));
    return true;
}

// Erases item `index` (vectors and ordered maps alike).
template<typename Container>
bool eraseAt(Container &list, int index)
{
    if (index < 0 || index >= int(list.size()))
        return false;
    list.erase(std::next(list.begin(), index));
    return true;
}

} // namespace Signalbox
