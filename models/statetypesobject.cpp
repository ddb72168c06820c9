#include "statetypesobject.h"

#include "diagramstyle.h"
#include "nodegeometry.h"

#include "signalbox/statetypes.h"

namespace Signalbox {

namespace {

std::optional<StateType> parse(const QString &type)
{
    return stateTypeFromName(type.toStdString());
}

// The row for `type`; an unknown name gets the pass row for its looks.
const DiagramStyle::TypeStyle &style(const QString &type)
{
    return DiagramStyle::typeStyle(parse(type).value_or(StateType::Pass));
}

// What `type` can do; an unknown name can do nothing.
template<typename Fn>
bool can(const QString &type, Fn fn)
{
    const std::optional<StateType> t = parse(type);
    return t && fn(stateTypeInfo(*t));
}

} // namespace

StateTypesObject::StateTypesObject(QObject *parent)
    : QObject(parent)
{}

QVariantList StateTypesObject::all() const
{
    QVariantList out;
    for (const StateTypeInfo &row : stateTypeInfos()) {
        const DiagramStyle::TypeStyle &s = DiagramStyle::typeStyle(row.type);
        out.append(QVariantMap{{QStringLiteral("type"), QString::fromLatin1(row.yamlName)},
                               {QStringLiteral("label"), s.paletteLabel},
                               {QStringLiteral("hint"), s.hint}});
    }
    return out;
}

QString StateTypesObject::label(const QString &type) const
{
    return parse(type) ? style(type).paletteLabel : type;
}

QString StateTypesObject::hint(const QString &type) const
{
    return parse(type) ? style(type).hint : QString();
}

QColor StateTypesObject::color(const QString &type) const
{
    return style(type).color;
}

QString StateTypesObject::icon(const QString &type) const
{
    return parse(type) ? style(type).icon : QStringLiteral("M4 4 H20 V20 H4 Z");
}

QString StateTypesObject::shape(const QString &type) const
{
    return nodeShapeName(style(type).shape);
}

bool StateTypesObject::canCatch(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.catches; });
}

bool StateTypesObject::canRetry(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.retry; });
}

bool StateTypesObject::hasNext(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.transitions; });
}

bool StateTypesObject::hasOutput(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return !i.terminal; });
}

bool StateTypesObject::isContainer(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.container; });
}

bool StateTypesObject::iterates(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.container && i.iterates; });
}

bool StateTypesObject::hasBranches(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.container && !i.iterates; });
}

bool StateTypesObject::hasTimeout(const QString &type) const
{
    return can(type, [](const StateTypeInfo &i) { return i.timeout; });
}

bool StateTypesObject::hasSection(const QString &type, const QString &section) const
{
    return parse(type) && style(type).sections.contains(section);
}

} // namespace Signalbox
