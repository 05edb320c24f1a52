// SPDX-License-Identifier: GPL-2.0
/*
 * memfs: a small in-memory filesystem, written as a kernel module.
 *
 * A filesystem needs three things from the VFS's point of view:
 *
 *   1. a struct file_system_type, registered under a name ("memfs"), that tells
 *      mount(2) how to make a superblock (init_fs_context and get_tree);
 *   2. a superblock with a root directory inode, and super_operations for what
 *      concerns the whole filesystem (statfs, what happens to a dropped inode);
 *   3. inodes with inode_operations (create, lookup, mkdir, unlink, rename, ...)
 *      and file_operations (read, write, mmap, readdir).
 *
 * memfs keeps everything in the kernel's own caches, as ramfs and tmpfs do: a
 * directory is its dentries in the dcache, a file's contents are pages in its
 * page cache, and nothing is ever written back because there is no disk. The
 * "simple_*" helpers of fs/libfs.c do most of the work; what memfs adds is the
 * glue, a limit on the number of inodes (the module parameter max_inodes, so
 * that a test can fill the filesystem), and statfs that reports it.
 *
 * Read next to it: fs/ramfs/inode.c (the smallest real filesystem) and
 * fs/libfs.c (the helpers used here).
 */
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/version.h>

#define MEMFS_MAGIC 0x6d656d66	/* "memf": what statfs(2) reports as f_type */

static unsigned long max_inodes = 1024;
module_param(max_inodes, ulong, 0444);
MODULE_PARM_DESC(max_inodes, "inodes per mounted memfs, the root directory included (default 1024)");

/*
 * Since 6.3 the inode operations take the mount's idmapping (struct mnt_idmap)
 * where they took a user namespace before. memfs does not support idmapped
 * mounts; it only has to pass the argument along, so one macro per era is all
 * the difference (Debian's 6.1 and 6.12 both build this file).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define MEMFS_IDMAP	struct mnt_idmap *idmap
#define MEMFS_NO_IDMAP	(&nop_mnt_idmap)
#else
#define MEMFS_IDMAP	struct user_namespace *idmap
#define MEMFS_NO_IDMAP	(&init_user_ns)
#endif

/* Per-mount state, hung off the superblock's s_fs_info. */
struct memfs_sb_info {
	atomic_long_t inodes;		/* inodes alive in this mount */
	unsigned long max_inodes;	/* the limit when it was mounted */
};

static const struct super_operations memfs_super_operations;
static const struct inode_operations memfs_dir_inode_operations;
static const struct inode_operations memfs_file_inode_operations;
static const struct file_operations memfs_file_operations;

/* Timestamps: 6.6 hid the change time behind accessors, 6.7 the other two. */
static void memfs_stamp_new(struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	simple_inode_init_ts(inode);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	inode->i_atime = inode->i_mtime = inode_set_ctime_current(inode);
#else
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
#endif
}

static void memfs_stamp_dir(struct inode *dir)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	inode_set_mtime_to_ts(dir, inode_set_ctime_current(dir));
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	dir->i_mtime = inode_set_ctime_current(dir);
#else
	dir->i_mtime = dir->i_ctime = current_time(dir);
#endif
}

/*
 * A new inode of the given type. Regular files get the page-cache address
 * space operations every RAM filesystem shares (ram_aops: a page is "dirty"
 * forever, so it is never reclaimed while the file exists); directories get
 * libfs's dcache-backed readdir.
 */
static struct inode *memfs_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode, dev_t dev)
{
	struct memfs_sb_info *sbi = sb->s_fs_info;
	struct inode *inode;

	/* Reserve the inode first: a full filesystem answers ENOSPC. */
	if (atomic_long_inc_return(&sbi->inodes) > sbi->max_inodes) {
		atomic_long_dec(&sbi->inodes);
		return NULL;
	}
	inode = new_inode(sb);
	if (!inode) {
		atomic_long_dec(&sbi->inodes);
		return NULL;
	}
	inode->i_ino = get_next_ino();
	inode_init_owner(MEMFS_NO_IDMAP, inode, dir, mode);
	inode->i_mapping->a_ops = &ram_aops;
	mapping_set_gfp_mask(inode->i_mapping, GFP_HIGHUSER);
	mapping_set_unevictable(inode->i_mapping);
	memfs_stamp_new(inode);

	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &memfs_file_inode_operations;
		inode->i_fop = &memfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &memfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		/* "." links to the directory itself: a new directory starts with two links. */
		inc_nlink(inode);
		break;
	default:
		init_special_inode(inode, mode, dev);
	}
	return inode;
}

/*
 * Every creation ends here. The dentry gets the new inode and an extra
 * reference (dget): nothing else keeps an in-memory file alive, so the dcache
 * pins it until unlink or rmdir drops that reference (simple_unlink does).
 */
static int memfs_mknod(MEMFS_IDMAP, struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = memfs_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	dget(dentry);
	memfs_stamp_dir(dir);
	return 0;
}

static int memfs_mkdir(MEMFS_IDMAP, struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = memfs_mknod(idmap, dir, dentry, mode | S_IFDIR, 0);

	/* The new directory's ".." is a link to its parent. */
	if (!err)
		inc_nlink(dir);
	return err;
}

static int memfs_create(MEMFS_IDMAP, struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return memfs_mknod(idmap, dir, dentry, mode | S_IFREG, 0);
}

/*
 * lookup: a name that is not in the dcache does not exist (simple_lookup adds
 * a negative dentry). link, unlink, rmdir (empty directories only) and rename
 * are libfs's, which keep the link counts that mkdir set up.
 */
static const struct inode_operations memfs_dir_inode_operations = {
	.create		= memfs_create,
	.lookup		= simple_lookup,
	.link		= simple_link,
	.unlink		= simple_unlink,
	.mkdir		= memfs_mkdir,
	.rmdir		= simple_rmdir,
	.mknod		= memfs_mknod,
	.rename		= simple_rename,
};

/* A file's contents are its page cache: the generic read/write paths do it all. */
static const struct file_operations memfs_file_operations = {
	.read_iter	= generic_file_read_iter,
	.write_iter	= generic_file_write_iter,
	.mmap		= generic_file_mmap,
	.fsync		= noop_fsync,
	.llseek		= generic_file_llseek,
};

static const struct inode_operations memfs_file_inode_operations = {
	.setattr	= simple_setattr,
	.getattr	= simple_getattr,
};

/* statfs(2): libfs fills in the type, block size and name length; memfs adds its inode count. */
static int memfs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct memfs_sb_info *sbi = dentry->d_sb->s_fs_info;
	long used = atomic_long_read(&sbi->inodes);
	int err = simple_statfs(dentry, buf);

	buf->f_files = sbi->max_inodes;
	buf->f_ffree = used >= sbi->max_inodes ? 0 : sbi->max_inodes - used;
	return err;
}

/* The last reference to an inode is gone (unlinked and closed, or unmounted): free its pages and its slot. */
static void memfs_evict_inode(struct inode *inode)
{
	struct memfs_sb_info *sbi = inode->i_sb->s_fs_info;

	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
	atomic_long_dec(&sbi->inodes);
}

static const struct super_operations memfs_super_operations = {
	.statfs		= memfs_statfs,
	.drop_inode	= generic_delete_inode,	/* never cache an unused inode: it would hold its pages */
	.evict_inode	= memfs_evict_inode,
};

/* mount(2) reached get_tree with a new superblock: give it its root directory. */
static int memfs_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct inode *root;

	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = MEMFS_MAGIC;
	sb->s_op = &memfs_super_operations;
	sb->s_time_gran = 1;
	root = memfs_get_inode(sb, NULL, S_IFDIR | 0755, 0);
	sb->s_root = d_make_root(root);	/* d_make_root(NULL) is NULL too */
	return sb->s_root ? 0 : -ENOMEM;
}

/* Every mount is a new, empty filesystem (nodev: no block device behind it). */
static int memfs_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, memfs_fill_super);
}

/* get_tree_nodev moved s_fs_info to the superblock; what is left (a failed mount's) is freed here. */
static void memfs_free_fc(struct fs_context *fc)
{
	kfree(fc->s_fs_info);
}

static const struct fs_context_operations memfs_context_operations = {
	.get_tree	= memfs_get_tree,
	.free		= memfs_free_fc,
};

/* The first thing mount(2) calls: allocate the per-mount state. */
static int memfs_init_fs_context(struct fs_context *fc)
{
	struct memfs_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);

	if (!sbi)
		return -ENOMEM;
	sbi->max_inodes = max_inodes;
	fc->s_fs_info = sbi;
	fc->ops = &memfs_context_operations;
	return 0;
}

/* umount: drop every pinned dentry (kill_litter_super), which evicts every inode, then free the state. */
static void memfs_kill_sb(struct super_block *sb)
{
	struct memfs_sb_info *sbi = sb->s_fs_info;

	kill_litter_super(sb);
	kfree(sbi);
}

static struct file_system_type memfs_type = {
	.owner			= THIS_MODULE,
	.name			= "memfs",
	.init_fs_context	= memfs_init_fs_context,
	.kill_sb		= memfs_kill_sb,
};

static int __init memfs_init(void)
{
	return register_filesystem(&memfs_type);
}

static void __exit memfs_exit(void)
{
	unregister_filesystem(&memfs_type);
}

module_init(memfs_init);
module_exit(memfs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memfs: a small in-memory filesystem (syscraft's example)");
MODULE_ALIAS_FS("memfs");
