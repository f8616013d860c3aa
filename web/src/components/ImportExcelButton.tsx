import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Modal, Typography, Upload } from "antd";
import { useState } from "react";
import { api } from "../lib/api";
import { fileBase64, importErrorLines } from "../lib/powers";

interface Props {
  path: string;
  agencyId: string | null;
  onDone: () => void;
  disabled?: boolean;
}

/** Uploads an .xlsx to an import route; shows the row/column error report when it is refused. */
export const ImportExcelButton = ({ path, agencyId, onDone, disabled }: Props) => {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<string[] | null>(null);
  return (
    <>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        disabled={disabled || !agencyId || busy}
        beforeUpload={async (file) => {
          if (!agencyId) return false;
          setBusy(true);
          try {
            const r = await api.post<{ rows: number; created: number; updated: number; unchanged: number }>(
              path,
              {
                agencyId,
                fileBase64: await fileBase64(file),
              },
            );
            message.success(
              `导入完成：共 ${r.rows} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}`,
            );
            onDone();
          } catch (err) {
            setReport(importErrorLines(err));
          } finally {
            setBusy(false);
          }
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} disabled={disabled || !agencyId}>
          导入 Excel
        </Button>
      </Upload>
      <Modal
        open={report !== null}
        title="导入失败：未导入任何数据"
        footer={null}
        onCancel={() => setReport(null)}
        width={640}
      >
        <Typography.Paragraph type="secondary">
          请按下列错误修改文件后重新导入（行号、列号与 Excel 一致）：
        </Typography.Paragraph>
        <ul style={{ maxHeight: 360, overflow: "auto", paddingLeft: 18 }}>
          {(report ?? []).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Modal>
    </>
  );
};
