import { Badge, Button, Space, type TableColumnType, Tag } from "antd";
import { type CatalogueItem, powerFieldOptions } from "../lib/powers";

// Small pieces shared by the catalogue list, form and state: the common columns, the name with its
// review flags, the 公开 tag and the 执法领域 options.

/** The columns every catalogue list has; the name opens the entry and shows its open review flags. */
export function catalogueColumns<T extends CatalogueItem>(open: (id: string) => void) {
  return {
    name: (title: string): TableColumnType<T> => ({
      title,
      dataIndex: "name",
      key: "name",
      render: (n: string, i: T) => <FlaggedName name={n} openFlags={i.openFlags} onOpen={() => open(i.id)} />,
    }),
    field: { title: "领域", dataIndex: "field", key: "field", width: 120 } as TableColumnType<T>,
    agency: {
      title: "实施机关",
      dataIndex: "agencyName",
      key: "agencyName",
      width: 200,
    } as TableColumnType<T>,
    published: (width: number): TableColumnType<T> => ({
      title: "公开",
      dataIndex: "published",
      key: "published",
      width,
      render: publishedTag,
    }),
  };
}

export const fieldOptions = powerFieldOptions.map((f) => ({ value: f, label: f }));

/** The name of an entry, opening its detail, with the number of open review flags. */
export const FlaggedName = ({
  name,
  openFlags,
  onOpen,
}: {
  name: string;
  openFlags: number;
  onOpen: () => void;
}) => (
  <Space>
    <Button type="link" style={{ padding: 0, whiteSpace: "normal", textAlign: "left" }} onClick={onOpen}>
      {name}
    </Button>
    {openFlags > 0 && <Badge count={`需复核 ${openFlags}`} style={{ backgroundColor: "#fa8c16" }} />}
  </Space>
);

export const publishedTag = (p: boolean) => (p ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>);
