import { Select, type SelectProps } from "antd";
import type { AgencyOption } from "../lib/agency";

type Props = Omit<SelectProps<string>, "options" | "showSearch"> & { agencies: AgencyOption[] };

/** Select of agencies, indented by their depth in the agency tree, searchable by name. */
export const AgencySelect = ({ agencies, ...rest }: Props) => (
  <Select<string>
    showSearch={{ optionFilterProp: "label" }}
    placeholder="选择机构"
    popupMatchSelectWidth={false}
    {...rest}
    options={agencies.map((a) => ({ value: a.id, label: a.name, depth: a.depth }))}
    optionRender={(opt) => (
      <span style={{ paddingLeft: Number(opt.data.depth ?? 0) * 14 }}>{opt.data.label as string}</span>
    )}
  />
);
