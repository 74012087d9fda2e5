#pragma once

#include "keys/KeyTextExtractor.h"

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui { class PasteKeysDialog; }

namespace gb {

// Paste any text, see how many keys it holds (distinct, duplicates, already in the pool)
// and add the new ones. The extraction itself is extractApiKeys() in core.
class PasteKeysDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PasteKeysDialog(const QStringList &existing, QWidget *parent = nullptr);
    ~PasteKeysDialog() override;

    QStringList newKeys() const { return m_found.newKeys; }

private:
    void update();

    std::unique_ptr<Ui::PasteKeysDialog> ui;
    QStringList m_existing;
    ExtractedKeys m_found;
};

} // namespace gb
