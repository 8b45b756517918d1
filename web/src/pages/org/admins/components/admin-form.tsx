import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLES, type AdminRole } from '../../../../../../common/roles.js';
import type { AdminAccount, AdminCreate } from '../../../../../../common/schemas/org.js';
import { api } from '../../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../../api/session.js';
import { FormDrawer } from '../../../../components/form-drawer.js';
import { showOneTimePassword } from '../../../../components/one-time-password.js';
import { RemoteSelect } from '../../../../components/remote-select.js';
import { mobileRule, requiredRule, selectRule } from '../../../../components/rules.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';
import { regionTreeData, useRegions } from '../../../../hooks/use-regions.js';
import { roleLabel } from '../../../../labels.js';

/** Roles an admin of each kind may create; the server has the last word. */
const CREATABLE: Record<AdminRole, readonly AdminRole[]> = {
  province_admin: ADMIN_ROLES,
  bureau_admin: ['bureau_admin', 'institution_admin', 'school_admin', 'principal'],
  institution_admin: ['institution_admin'],
  school_admin: ['school_admin'],
  principal: ['school_admin'],
};

const SCHOOL_UNIT = new Set<AdminRole>(['school_admin', 'principal']);

/** ORG-4: a unit admin creates a further real-name admin; the one-time password is shown once. */
export function AdminFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useCurrentMe();
  const mine = activeRole(me);
  const myRole = mine && (ADMIN_ROLES as readonly string[]).includes(mine.role) ? (mine.role as AdminRole) : undefined;
  const roles = myRole ? CREATABLE[myRole] : ADMIN_ROLES;
  const [form] = Form.useForm<AdminCreate>();
  const role: AdminRole | undefined = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const { data: regions } = useRegions();

  // Default: an admin of my own unit.
  const defaults: Partial<AdminCreate> = {
    role: myRole,
    regionCode: mine?.regionCode ?? undefined,
    institutionId: mine?.institutionId ?? undefined,
    schoolId: mine?.schoolId ?? undefined,
  };
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { saving, submit } = useFormSubmit(form, async (v: AdminCreate) => {
    const body: AdminCreate = { realName: v.realName, username: v.username, mobile: v.mobile, role: v.role };
    if (SCHOOL_UNIT.has(v.role)) body.schoolId = v.schoolId;
    else if (v.role === 'institution_admin') body.institutionId = v.institutionId;
    else body.regionCode = v.regionCode;
    const res = await api.post<{ account: AdminAccount; oneTimePassword: string }>('/api/admins', body);
    void queryClient.invalidateQueries({ queryKey: ['/api/admins'] });
    onClose();
    showOneTimePassword(modal, t, res.account.realName, res.oneTimePassword);
  });

  const label = (k: string) => t(`admin.${k}`);
  const unitItem =
    role && SCHOOL_UNIT.has(role) ? (
      <Form.Item name="schoolId" label={label('unitSchool')} rules={[selectRule(t, label('unitSchool'))]}>
        <RemoteSelect url="/api/schools" testId="admin-school" initialOption={mine?.schoolId ? { value: mine.schoolId, label: mine.unitName } : undefined} />
      </Form.Item>
    ) : role === 'institution_admin' ? (
      <Form.Item name="institutionId" label={label('unitInstitution')} rules={[selectRule(t, label('unitInstitution'))]}>
        <RemoteSelect
          url="/api/institutions"
          testId="admin-institution"
          initialOption={mine?.institutionId ? { value: mine.institutionId, label: mine.unitName } : undefined}
        />
      </Form.Item>
    ) : role ? (
      <Form.Item name="regionCode" label={label('unitRegion')} rules={[selectRule(t, label('unitRegion'))]}>
        <TreeSelect
          treeData={regionTreeData(regions, (n) => (role === 'province_admin' ? n.level === 'province' : n.level !== 'province'))}
          showSearch={{ treeNodeFilterProp: 'title' }}
          data-testid="admin-region"
        />
      </Form.Item>
    ) : null;

  return (
    <FormDrawer open={open} onClose={onClose} title={t('admin.createTitle')} saving={saving} onSave={() => form.submit()} saveTestId="admin-form-submit">
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError initialValues={defaults}>
        <Form.Item name="realName" label={label('realName')} rules={[requiredRule(t, label('realName'))]}>
          <Input maxLength={20} data-testid="admin-real-name" />
        </Form.Item>
        <Form.Item
          name="username"
          label={label('username')}
          extra={t('admin.usernameHelp')}
          rules={[
            requiredRule(t, label('username')),
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('common.invalid', { label: label('username') }) },
          ]}
        >
          <Input maxLength={32} autoComplete="off" data-testid="admin-username" />
        </Form.Item>
        <Form.Item name="mobile" label={label('mobile')} rules={[requiredRule(t, label('mobile')), mobileRule(t)]}>
          <Input inputMode="tel" maxLength={11} data-testid="admin-mobile" />
        </Form.Item>
        <Form.Item name="role" label={label('role')} rules={[selectRule(t, label('role'))]}>
          <Select options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} data-testid="admin-role" />
        </Form.Item>
        {unitItem}
      </Form>
    </FormDrawer>
  );
}
