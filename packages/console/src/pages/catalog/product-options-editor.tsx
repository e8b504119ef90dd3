import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Space } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Option groups: variants (size, colour: one SKU per value) or modifiers (spice, add-ons: a price delta). */
export function OptionGroupsEditor() {
  const { t } = useI18n();
  return (
    <Form.List name="optionGroups">
      {(groups, { add, remove }) => (
        <Flex vertical gap={8}>
          {groups.map((g) => (
            <Card
              key={g.key}
              size="small"
              data-testid="option-group"
              title={
                <Space>
                  <Form.Item name={[g.name, 'name']} noStyle rules={[{ required: true }]}>
                    <Input placeholder={t('catalog.groupName')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item
                    name={[g.name, 'code']}
                    noStyle
                    rules={[{ required: true, pattern: /^[a-z0-9_-]+$/i }]}
                  >
                    <Input placeholder={t('catalog.code')} className="mono" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[g.name, 'variant']} valuePropName="checked" noStyle>
                    <Checkbox>{t('catalog.variant')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[g.name, 'required']} valuePropName="checked" noStyle>
                    <Checkbox>{t('catalog.required')}</Checkbox>
                  </Form.Item>
                </Space>
              }
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(g.name)} />}
            >
              <Form.List name={[g.name, 'values']}>
                {(values, v) => (
                  <Flex wrap gap={6}>
                    {values.map((val) => (
                      <Space.Compact key={val.key}>
                        <Form.Item name={[val.name, 'name']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('catalog.valueName')} style={{ width: 90 }} />
                        </Form.Item>
                        <Form.Item
                          name={[val.name, 'code']}
                          noStyle
                          rules={[{ required: true, pattern: /^[a-z0-9_-]+$/i }]}
                        >
                          <Input placeholder={t('catalog.code')} className="mono" style={{ width: 80 }} />
                        </Form.Item>
                        <Form.Item name={[val.name, 'priceDelta']} noStyle>
                          <InputNumber placeholder="±" precision={2} step={1} style={{ width: 80 }} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => v.remove(val.name)} />
                      </Space.Compact>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => v.add({ code: '', name: '', priceDelta: 0 })}
                      data-testid="option-value-add"
                    >
                      {t('catalog.addValue')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ code: '', name: '', variant: true, required: true, values: [] })}
            style={{ alignSelf: 'flex-start' }}
            data-testid="option-group-add"
          >
            {t('catalog.addGroup')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
