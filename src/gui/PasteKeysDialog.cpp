#include "PasteKeysDialog.h"

#include "ui_PasteKeysDialog.h"

#include <QPushButton>

namespace gb {

PasteKeysDialog::PasteKeysDialog(const QStringList &existing, QWidget *parent)
    : QDialog(parent), ui(new Ui::PasteKeysDialog), m_existing(existing)
{
    ui->setupUi(this);
    connect(ui->keysTextEdit, &QPlainTextEdit::textChanged, this, &PasteKeysDialog::update);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

PasteKeysDialog::~PasteKeysDialog() = default;

void PasteKeysDialog::update()
{
    m_found = extractApiKeys(ui->keysTextEdit->toPlainText(), m_existing);
    ui->keyCountLabel->setText(tr("%n key(s) found: %1 new, %2 already in the pool, %3 duplicate(s) ignored.", nullptr,
                                  int(m_found.keys.size()))
                                   .arg(m_found.newKeys.size())
                                   .arg(m_found.alreadyPresent)
                                   .arg(m_found.duplicates));
    QPushButton *ok = ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Add %n key(s)", nullptr, int(m_found.newKeys.size())));
    ok->setEnabled(!m_found.newKeys.isEmpty());
}

} // namespace gb
