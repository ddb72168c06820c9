#include "keysequences.h"

#include <QKeySequence>

namespace Signalbox {

QString KeySequences::nativeText(const QVariant &shortcut)
{
    if (!shortcut.isValid() || shortcut.isNull())
        return {};
    QKeySequence sequence;
    if (shortcut.typeId() == QMetaType::QString)
        sequence = QKeySequence(shortcut.toString());
    else if (shortcut.canConvert<int>())
        sequence = QKeySequence(QKeySequence::StandardKey(shortcut.toInt()));
    else
        sequence = shortcut.value<QKeySequence>();
    return sequence.toString(QKeySequence::NativeText);
}

} // namespace Signalbox
