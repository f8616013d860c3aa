import { Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import {
  type CaseDocumentItem,
  documentFileName,
  documentUrl,
  dossierUrl,
  listCaseDocuments,
} from "../lib/documents";
import { useApiError } from "../lib/feedback";

/**
 * The documents a case's steps have produced (C12): preview (a new tab) and download of each PDF,
 * and the whole dossier (卷宗). A document the server will not issue (X1) shows why.
 */
export default function CaseDocuments(props: { caseId: string; caseNumber: string | null; version: number }) {
  const { caseId, version } = props;
  const showError = useApiError();
  const [docs, setDocs] = useState<CaseDocumentItem[] | null>(null);

  useEffect(() => {
    // Reload when the case moves on (its version changes).
    void version;
    listCaseDocuments(caseId).then(setDocs).catch(showError);
  }, [caseId, version, showError]);

  const blocked = (docs ?? []).filter((d) => !d.downloadable);
  const dossierButton = (
    <Button
      type="primary"
      href={dossierUrl(caseId)}
      download={`卷宗-${props.caseNumber ?? caseId}.pdf`}
      disabled={!docs?.length || blocked.length > 0}
    >
      下载卷宗
    </Button>
  );

  return (
    <Card
      title="文书与卷宗"
      size="small"
      loading={docs === null}
      extra={
        blocked.length > 0 ? (
          <Tooltip title={blocked.map((d) => d.reason).join("；")}>{dossierButton}</Tooltip>
        ) : (
          dossierButton
        )
      }
    >
      <Table
        rowKey={(d) => `${d.kind}-${d.seq}`}
        size="small"
        pagination={false}
        dataSource={docs ?? []}
        locale={{ emptyText: <Empty description="尚未形成文书" /> }}
        columns={[
          {
            title: "文书",
            render: (_: unknown, d: CaseDocumentItem) => (
              <Space>
                {d.title}
                {d.toParty && <Tag color="blue">送达当事人</Tag>}
              </Space>
            ),
          },
          { title: "文号", dataIndex: "number", width: 260 },
          { title: "日期", dataIndex: "onDate", width: 110 },
          {
            title: "操作",
            width: 260,
            render: (_: unknown, d: CaseDocumentItem) =>
              d.downloadable ? (
                <Space>
                  <a href={documentUrl(caseId, d)} target="_blank" rel="noreferrer">
                    预览
                  </a>
                  <a href={documentUrl(caseId, d)} download={documentFileName(d)}>
                    下载
                  </a>
                </Space>
              ) : (
                <Typography.Text type="danger">不能出具：{d.missing.join("、") || d.reason}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
